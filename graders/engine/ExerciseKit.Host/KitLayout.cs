namespace ExerciseKit.Host;

/// <summary>Where things live in a kit checkout. The root is the folder holding ExerciseKit.sln.</summary>
public sealed record KitLayout(string Root)
{
    public string Exercises => Path.Combine(Root, "exercises");
    public string Solutions => Path.Combine(Root, "solutions");

    /// <summary>One folder of graders per exercise (graders/NN-slug), beside <see cref="Engine"/>.</summary>
    public string Graders => Path.Combine(Root, "graders");

    /// <summary>The kit's own code: CLI, grading host, grading libraries, analyzers.</summary>
    public string Engine => Path.Combine(Root, "graders", "engine");
    public string Artifacts => Path.Combine(Root, "artifacts");

    /// <summary>Finds the kit root at or above <paramref name="start"/>.</summary>
    /// <exception cref="KitException">No ExerciseKit.sln above the folder.</exception>
    public static KitLayout Find(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ExerciseKit.sln")))
            {
                return new KitLayout(dir.FullName);
            }
        }

        throw new KitException($"No ExerciseKit.sln found in {start} or any folder above it: run this from inside the kit.");
    }
}
