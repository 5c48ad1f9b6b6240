using ExerciseKit.Host;

namespace ExerciseKit.Cli;

/// <summary>`check`: grade the chosen exercises one after another and print the console report.</summary>
internal static class CheckCommand
{
    public const int Success = 0;
    public const int UsageError = 2;

    public static async Task<int> RunAsync(
        IReadOnlyCollection<string> ids,
        string sourceName,
        TextWriter output,
        TextWriter errors,
        CancellationToken cancellation
    )
    {
        try
        {
            var catalog = ExerciseCatalog.Load(KitLayout.Find(Environment.CurrentDirectory));
            var selected = catalog.Select(ids);
            var source = ParseSource(sourceName);
            output.WriteLine($"ExerciseKit — grading {source.Description}");
            var grader = new ExerciseGrader(catalog);
            var results = new List<ExerciseResult>();
            foreach (var exercise in selected)
            {
                var result = await grader.GradeAsync(exercise, source, cancellation);
                ConsoleReport.WriteExercise(output, result, catalog.Layout);
                results.Add(result);
            }

            ConsoleReport.WriteTotals(output, results);
            return Success;
        }
        catch (KitException e)
        {
            errors.WriteLine($"error: {e.Message}");
            return UsageError;
        }
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
