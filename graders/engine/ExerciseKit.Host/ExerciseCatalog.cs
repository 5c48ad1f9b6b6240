namespace ExerciseKit.Host;

/// <summary>Every exercise in the kit: each folder of exercises/ that holds an exercise.json. No list to maintain.</summary>
public sealed class ExerciseCatalog(KitLayout layout, IReadOnlyList<ExerciseMetadata> exercises)
{
    public KitLayout Layout { get; } = layout;

    public IReadOnlyList<ExerciseMetadata> Exercises { get; } = exercises;

    public static ExerciseCatalog Load(KitLayout layout)
    {
        var exercises = Directory.Exists(layout.Exercises)
            ? Directory
                .GetDirectories(layout.Exercises)
                .Select(dir => Path.Combine(dir, "exercise.json"))
                .Where(File.Exists)
                .Order(StringComparer.Ordinal)
                .Select(ExerciseMetadata.Load)
                .ToList()
            : [];
        return new ExerciseCatalog(layout, exercises);
    }

    /// <summary>The exercises named by id, or all of them when none is named.</summary>
    /// <exception cref="KitException">An id names no exercise; the message lists the valid ids.</exception>
    public IReadOnlyList<ExerciseMetadata> Select(IReadOnlyCollection<string> ids)
    {
        if (ids.Count == 0)
        {
            return Exercises;
        }

        var unknown = ids.Where(id => Exercises.All(e => e.Id != id)).ToList();
        if (unknown.Count > 0)
        {
            var valid = string.Join(", ", Exercises.Select(e => e.Id));
            throw new KitException($"Unknown exercise {string.Join(", ", unknown)}. Valid ids: {valid}.");
        }

        return Exercises.Where(e => ids.Contains(e.Id)).ToList();
    }

    public string GraderProject(ExerciseMetadata exercise)
    {
        var folder = Path.Combine(Layout.Graders, exercise.Id);
        var projects = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.csproj") : [];
        return projects.Length == 1
            ? projects[0]
            : throw new KitException($"graders/{exercise.Id} must hold exactly one grader project (found {projects.Length}).");
    }

    public string SolutionDirectory(ExerciseMetadata exercise) => Path.Combine(Layout.Solutions, exercise.Id);
}
