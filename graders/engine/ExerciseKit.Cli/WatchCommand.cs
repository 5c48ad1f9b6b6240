using System.Threading.Channels;
using ExerciseKit.Host;

namespace ExerciseKit.Cli;

/// <summary>
/// `watch`: grades an exercise, then grades it again each time one of its editable files is saved, printing the
/// next failing check first. Stops on Ctrl+C.
/// </summary>
internal static class WatchCommand
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(40); // editors save in several writes, within milliseconds; a write after it only grades again

    public static async Task<int> RunAsync(string? id, TextWriter output, TextWriter errors, CancellationToken cancellation)
    {
        return await ExitCode.GuardAsync(
            errors,
            async () =>
            {
                try
                {
                    var catalog = ExerciseCatalog.Load(KitLayout.Find(Environment.CurrentDirectory));
                    var state = LearnerState.Load(catalog.Layout);
                    var exercise = id is null ? FirstUnfinished(catalog, state) : catalog.Select([id]).Single();
                    var saves = Channel.CreateBounded<string>(
                        new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest }
                    );
                    using var watcher = new FileSystemWatcher(exercise.ExerciseDirectory, "*.cs") { EnableRaisingEvents = true };
                    watcher.Changed += (_, e) => saves.Writer.TryWrite(e.FullPath);
                    watcher.Created += (_, e) => saves.Writer.TryWrite(e.FullPath);
                    watcher.Renamed += (_, e) => saves.Writer.TryWrite(e.FullPath);

                    await using var grader = new ExerciseGrader(catalog) { KeepWarm = true };
                    while (!cancellation.IsCancellationRequested)
                    {
                        var result = await grader.GradeAsync(exercise, CodeSource.Learner, cancellation);
                        output.WriteLine($"── {DateTime.Now:HH:mm:ss} ──");
                        WriteNext(output, result);
                        ConsoleReport.WriteExercise(output, result, catalog.Layout);
                        output.WriteLine(
                            $"\nWatching {Path.GetRelativePath(catalog.Layout.Root, exercise.ExerciseDirectory)} — save a file to grade again, Ctrl+C to stop."
                        );
                        await NextSaveAsync(saves.Reader, exercise, cancellation);
                    }

                    return ExitCode.Success;
                }
                catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
                {
                    return ExitCode.Success;
                }
            }
        );
    }

    /// <summary>The first exercise whose last check was not passing (or that was never checked).</summary>
    public static ExerciseMetadata FirstUnfinished(ExerciseCatalog catalog, LearnerState state) =>
        catalog.Exercises.FirstOrDefault(e => state.LastGrades.GetValueOrDefault(e.Id)?.Status != ExerciseStatus.Passing)
        ?? catalog.Exercises.FirstOrDefault()
        ?? throw new KitException("This kit has no exercises.");

    /// <summary>The line that tells the learner where to look first: the first failing public check, else any.</summary>
    public static void WriteNext(TextWriter output, ExerciseResult result)
    {
        var next = result
            .Tests.Where(t => t.Verdict != TestVerdict.Passed)
            .OrderBy(t => t.Test.Visibility)
            .ThenBy(t => result.Exercise.Tasks.ToList().FindIndex(task => task.Id == t.Test.Task))
            .FirstOrDefault();
        if (next is not null)
        {
            output.WriteLine($"Next: {next.Test.Title} — {next.LearnerMessage.Split('\n')[0]}");
        }
        else if (result.Status == ExerciseStatus.Passing)
        {
            output.WriteLine("All graders pass.");
        }
    }

    // Waits for a save of one of the exercise's editable files, then for the editor to go quiet.
    private static async Task NextSaveAsync(ChannelReader<string> saves, ExerciseMetadata exercise, CancellationToken cancellation)
    {
        while (!exercise.Editable.Contains(Path.GetFileName(await saves.ReadAsync(cancellation)))) { }

        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        while (true)
        {
            quiet.CancelAfter(Quiet);
            try
            {
                await saves.ReadAsync(quiet.Token);
                quiet.TryReset();
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
