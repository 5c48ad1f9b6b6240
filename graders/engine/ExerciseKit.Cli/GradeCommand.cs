using ExerciseKit.Cli.Reports;
using ExerciseKit.Host;
using ExerciseKit.Host.Reports;

namespace ExerciseKit.Cli;

/// <summary>`grade`: grade the chosen exercises and write one report in a format a CI tool reads.</summary>
internal static class GradeCommand
{
    public static async Task<int> RunAsync(
        IReadOnlyCollection<string> ids,
        string sourceName,
        string format,
        string? outPath,
        TextWriter output,
        TextWriter errors,
        CancellationToken cancellation
    )
    {
        return await ExitCode.GuardAsync(
            errors,
            async () =>
            {
                // Refuse bad arguments before minutes of grading.
                var writer = ReportFormat.Writer(format);
                if (outPath is not null)
                {
                    OutputPaths.RequireWritableFile(outPath, "--out");
                }

                var catalog = ExerciseCatalog.Load(KitLayout.Find(Environment.CurrentDirectory));
                var selected = catalog.Select(ids);
                var source = CheckCommand.ParseSource(sourceName);
                await using var grader = new ExerciseGrader(catalog);
                var results = new List<ExerciseResult>();
                foreach (var exercise in selected)
                {
                    results.Add(await grader.GradeAsync(exercise, source, cancellation));
                    errors.WriteLine($"graded {exercise.Id}: {results[^1].PointsEarned}/{results[^1].MaxPoints}");
                }

                var text = writer(new GradeReport(source.Description, results, catalog.Layout.Root, DateTimeOffset.UtcNow));
                if (outPath is null)
                {
                    output.Write(text);
                }
                else
                {
                    AtomicFile.Write(outPath, text);
                }

                if (format == "github-classroom" && Environment.GetEnvironmentVariable("GITHUB_OUTPUT") is { Length: > 0 } stepOutput)
                {
                    File.AppendAllText(stepOutput, GitHubClassroomReport.StepOutput(text), AtomicFile.Utf8);
                }

                return ExitCode.Success;
            }
        );
    }
}
