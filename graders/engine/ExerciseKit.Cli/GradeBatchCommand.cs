using ExerciseKit.Host;
using ExerciseKit.Host.Classroom;

namespace ExerciseKit.Cli;

/// <summary>`grade-batch`: grade a whole class of submissions in the sandbox; `merge`: combine shard gradebooks.</summary>
internal static class GradeBatchCommand
{
    public static async Task<int> RunAsync(
        string submissionsFolder,
        string outputFolder,
        IReadOnlyCollection<string> ids,
        int workers,
        string shard,
        bool noSandbox,
        bool regradeUnmeasured,
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
                var exercises = catalog.Select(ids);
                var (index, count) = ParseShard(shard);
                if (workers is < 1 or > 64)
                {
                    throw new KitException($"-j {workers}: the number of parallel workers must be between 1 and 64.");
                }
                var submissions = Submission.Discover(submissionsFolder);
                OutputPaths.RequireWritableFolder(outputFolder, "--out");

                var sandbox = Sandbox.Detect(out var problem);
                GradingIsolation isolation;
                if (sandbox is not null)
                {
                    isolation = GradingIsolation.Sandboxed(sandbox);
                }
                else if (noSandbox)
                {
                    errors.WriteLine(
                        $"warning: grading WITHOUT a sandbox ({problem}). Submissions run with your user's rights and network."
                    );
                    isolation = GradingIsolation.Unsandboxed();
                }
                else
                {
                    throw new KitException(
                        $"no sandbox: {problem}. Untrusted code is graded only in a sandbox; pass --no-sandbox to grade without one anyway."
                    );
                }

                output.WriteLine(
                    $"Grading {submissions.Count} submission(s){(count > 1 ? $", shard {index}/{count}" : "")}, {exercises.Count} exercise(s), {workers} worker(s), "
                        + (sandbox is null ? "NO sandbox" : "sandboxed (bwrap)")
                );
                var book = await new BatchGrader(
                    catalog,
                    new BatchOptions(outputFolder, exercises, isolation, workers, index, count, regradeUnmeasured)
                ).RunAsync(submissions, line => output.WriteLine(line), cancellation);
                output.WriteLine(
                    $"Gradebook: {Path.Combine(outputFolder, "gradebook.csv")} ({book.Rows.Count} students); feedback in {Path.Combine(outputFolder, "feedback")}/"
                );
                return ExitCode.Success;
            }
        );
    }

    public static int Merge(IReadOnlyList<string> gradebooks, string outPath, TextWriter output, TextWriter errors)
    {
        return ExitCode.Guard(
            errors,
            () =>
            {
                var catalog = ExerciseCatalog.Load(KitLayout.Find(Environment.CurrentDirectory));
                var maxPoints = catalog.Exercises.ToDictionary(e => e.Id, e => e.MaxPoints);
                if (gradebooks.Count == 0)
                {
                    throw new KitException("merge needs at least one gradebook.csv.");
                }
                var books = gradebooks
                    .Select(path =>
                        File.Exists(path)
                            ? (path, Gradebook.Parse(File.ReadAllText(path), path, maxPoints))
                            : throw new KitException($"{path}: no such gradebook.")
                    )
                    .ToList();
                var merged = Gradebook.Merge(books);
                OutputPaths.RequireWritableFile(outPath, "--out");
                AtomicFile.Write(outPath, merged.ToCsv());
                output.WriteLine($"{outPath}: {merged.Rows.Count} students from {books.Count} gradebook(s).");
                return ExitCode.Success;
            }
        );
    }

    private static (int Index, int Count) ParseShard(string shard)
    {
        var parts = shard.Split('/');
        return
            parts.Length == 2
            && int.TryParse(parts[0], out var index)
            && int.TryParse(parts[1], out var count)
            && count >= 1
            && index >= 1
            && index <= count
            ? (index, count)
            : throw new KitException($"--shard {shard}: expected i/n with 1 ≤ i ≤ n, e.g. 2/4.");
    }
}
