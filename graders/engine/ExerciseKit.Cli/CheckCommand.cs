using ExerciseKit.Host;

namespace ExerciseKit.Cli;

/// <summary>`check`: grade the chosen exercises one after another and print the console report.</summary>
internal static class CheckCommand
{
    public static async Task<int> RunAsync(
        IReadOnlyCollection<string> ids,
        string sourceName,
        TextWriter output,
        TextWriter errors,
        CancellationToken cancellation
    )
    {
        return await ExitCode.GuardAsync(
            errors,
            async () =>
            {
                var catalog = ExerciseCatalog.Load(KitLayout.Find(Environment.CurrentDirectory));
                var selected = catalog.Select(ids);
                var source = ParseSource(sourceName);
                output.WriteLine($"ExerciseKit — grading {source.Description}");
                await using var grader = new ExerciseGrader(catalog);
                var results = new List<ExerciseResult>();
                foreach (var exercise in selected)
                {
                    var fingerprint = LearnerState.Fingerprint(exercise); // of the files as graded, not as saved later
                    var result = await grader.GradeAsync(exercise, source, cancellation);
                    ConsoleReport.WriteExercise(output, result, catalog.Layout);
                    results.Add(result);
                    if (source == CodeSource.Learner)
                    {
                        Remember(catalog.Layout, result, fingerprint);
                    }
                }

                ConsoleReport.WriteTotals(output, results);
                return ExitCode.Success;
            }
        );
    }

    /// <summary>Saves the grade of the learner's own code for `list`.</summary>
    private static void Remember(KitLayout layout, ExerciseResult result, string fingerprint)
    {
        var state = LearnerState.Load(layout);
        state.LastGrades[result.Exercise.Id] = new SavedGrade(
            result.Status,
            result.PointsEarned,
            result.MaxPoints,
            DateTimeOffset.UtcNow,
            fingerprint
        );
        state.Save(layout);
    }

    internal static CodeSource ParseSource(string name) =>
        name switch
        {
            "exercises" => CodeSource.Learner,
            "solutions" => CodeSource.Solutions,
            _ when Directory.Exists(name) => CodeSource.Folder(name),
            _ => throw new KitException($"--source {name}: expected 'exercises', 'solutions' or an existing folder."),
        };
}
