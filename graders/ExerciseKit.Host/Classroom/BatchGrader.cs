using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace ExerciseKit.Host.Classroom;

/// <summary>One student's grade: the results per exercise, or the reason nothing could be graded.</summary>
public sealed record StudentGrade(
    string StudentId,
    IReadOnlyList<ExerciseResult> Results,
    IReadOnlyList<string> Ignored,
    string? Problem,
    int MaxPoints,
    TimeSpan Elapsed
)
{
    public int PointsEarned => Results.Sum(r => r.PointsEarned);
}

public sealed record BatchOptions(
    string OutputFolder,
    IReadOnlyList<ExerciseMetadata> Exercises,
    GradingIsolation Isolation,
    int Workers = 1,
    int ShardIndex = 1,
    int ShardCount = 1
);

/// <summary>
/// Grades a class: each submission staged (editable files only), then graded with the instructor's graders and
/// analyzers in the sandbox. Workers each own a slot folder whose build is reused from one submission to the next,
/// so a warm submission costs a recompile of its files plus the graders' own time. A submission whose content (and
/// kit) was graded before is not graded again, nor is an exercise whose files another submission of this run has. A failure of one submission is its own row, never the batch's end.
/// </summary>
public sealed class BatchGrader(ExerciseCatalog catalog, BatchOptions options)
{
    private readonly CpuGate cpu = new(Math.Max(1, options.Workers));

    // Per worker: the turn of the exercise it grades, which that exercise's graders may ask to have alone.
    private readonly WorkerTurns[] turns = [.. Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => new WorkerTurns())];

    // Per exercise, by the bytes of its editable files: identical files (an exercise left untouched, a shared
    // answer) are graded once and get the same result.
    private readonly ConcurrentDictionary<string, Lazy<Task<ExerciseResult>>> byContent = new(StringComparer.Ordinal);

    private string StateFolder => Path.Combine(options.OutputFolder, ".state");

    public async Task<Gradebook> RunAsync(IReadOnlyList<Submission> all, Action<string> progress, CancellationToken cancellation)
    {
        var mine = all.OrderBy(s => s.StudentId, StringComparer.Ordinal)
            .Where((_, index) => index % options.ShardCount == options.ShardIndex - 1)
            .ToList();
        Directory.CreateDirectory(StateFolder);
        var stubs = CodeSource.PristineStubs(catalog).MsBuildValue;
        var kit = string.Join(",", options.Exercises.Select(e => KitInputs.Fingerprint(catalog.Layout, e, CodeSource.Learner)));

        var queue = Channel.CreateBounded<Submission>(Math.Max(1, options.Workers));
        var rows = new List<GradebookRow>();
        var done = 0;
        var workers = Enumerable
            .Range(0, Math.Max(1, options.Workers))
            .Select(slot =>
                Task.Run(
                    async () =>
                    {
                        await foreach (var submission in queue.Reader.ReadAllAsync(cancellation))
                        {
                            var clock = Stopwatch.StartNew();
                            var (row, reused, shared) = await GradeOneAsync(submission, slot, stubs, kit, cancellation);
                            lock (rows)
                            {
                                rows.Add(row);
                                done++;
                                progress(
                                    $"[{done}/{mine.Count}] {row.StudentId, -20} {row.Total, 4} pts  {clock.Elapsed.TotalSeconds, 5:0.0} s{(reused ? "  (unchanged, not regraded)" : "")}{(shared > 0 ? $"  ({shared} exercise(s) identical to a submission graded before)" : "")}{(row.Note.Length > 0 ? "  " + row.Note : "")}"
                                );
                            }
                        }
                    },
                    cancellation
                )
            )
            .ToList();
        // The largest hand-ins first: they hold the most edited exercises, whose grades take longest, so the small ones
        // (untouched, half-done) fill in at the end instead of one long grade running alone while the other workers idle.
        foreach (var submission in mine.OrderByDescending(SizeOf).ThenBy(s => s.StudentId, StringComparer.Ordinal))
        {
            await queue.Writer.WriteAsync(submission, cancellation);
        }
        queue.Writer.Complete();
        await Task.WhenAll(workers);

        var book = new Gradebook(
            [.. options.Exercises.Select(e => e.Id)],
            options.Exercises.ToDictionary(e => e.Id, e => e.MaxPoints),
            rows
        );
        AtomicFile.Write(Path.Combine(options.OutputFolder, "gradebook.csv"), book.ToCsv());
        return book;
    }

    // Symbolic links are not followed (a hand-in may loop), unreadable entries are skipped.
    private static readonly EnumerationOptions SizeWalk = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = FileAttributes.ReparsePoint,
        IgnoreInaccessible = true,
    };

    /// <summary>Bytes handed in (a folder's files, or the archive): a cheap guess at how long the grade takes.</summary>
    private static long SizeOf(Submission submission)
    {
        try
        {
            return submission.Kind == SubmissionKind.Folder
                ? new DirectoryInfo(submission.Path).EnumerateFiles("*", SizeWalk).Sum(f => f.Length)
                : new FileInfo(submission.Path).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0; // staging reports what is wrong with it
        }
    }

    private async Task<(GradebookRow Row, bool Reused, int Shared)> GradeOneAsync(
        Submission submission,
        int slot,
        string stubs,
        string kit,
        CancellationToken cancellation
    )
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var staged = SubmissionStaging.Stage(submission, catalog, Path.Combine(options.OutputFolder, ".unpacked"));
            var hash = staged.ContentHash(kit);
            var statePath = Path.Combine(StateFolder, submission.StudentId + ".json");
            if (ReadState(statePath) is { } saved && saved.Hash == hash)
            {
                return (saved.Row, true, 0);
            }

            var results = new List<ExerciseResult>();
            var shared = 0;
            if (staged.Problem is null)
            {
                var (source, contents) = PrepareSlot(slot, staged, stubs);
                var isolation = options.Isolation with
                {
                    Sandbox = options.Isolation.Sandbox?.ForWorker(slot),
                    ThreadsPerRun = options.Workers > 1 ? Math.Max(1, Environment.ProcessorCount / options.Workers) : 0,
                    Turns = options.Workers > 1 ? turns[slot] : null,
                };
                await using var oneProcess = SharedGraderProcess.ForSubmission(catalog.Layout, source, options.Exercises, isolation);
                await using var grader = new ExerciseGrader(catalog, isolation) { Shared = oneProcess };
                foreach (var exercise in options.Exercises)
                {
                    async Task<ExerciseResult> GradeHere()
                    {
                        using var turn = await cpu.EnterAsync(cancellation);
                        turns[slot].Current = exercise.MeasuresSpeed ? turn : null;
                        try
                        {
                            return await grader.GradeAsync(exercise, source, cancellation);
                        }
                        finally
                        {
                            turns[slot].Current = null;
                        }
                    }
                    var key = kit + "\n" + contents[exercise.Id];
                    var mine = new Lazy<Task<ExerciseResult>>(GradeHere);
                    var grading = byContent.GetOrAdd(key, mine);
                    shared += grading == mine ? 0 : 1;
                    try
                    {
                        results.Add(await grading.Value);
                    }
                    catch
                    {
                        byContent.TryRemove(new KeyValuePair<string, Lazy<Task<ExerciseResult>>>(key, grading)); // the next one tries again
                        throw;
                    }
                }
            }

            var grade = new StudentGrade(
                submission.StudentId,
                results,
                staged.Ignored,
                staged.Problem,
                options.Exercises.Sum(e => e.MaxPoints),
                clock.Elapsed
            );
            StudentFeedback.Write(Path.Combine(options.OutputFolder, "feedback"), grade);
            var row = new GradebookRow(
                submission.StudentId,
                options.Exercises.ToDictionary(
                    e => e.Id,
                    e => staged.Problem is null ? results.Single(r => r.Exercise.Id == e.Id).PointsEarned : (int?)null
                ),
                Note(staged, results)
            );
            AtomicFile.Write(statePath, JsonSerializer.Serialize(new SavedRow(hash, row)));
            return (row, false, shared);
        }
        catch (Exception e) when (e is KitException or IOException or UnauthorizedAccessException)
        {
            return (
                new GradebookRow(
                    submission.StudentId,
                    options.Exercises.ToDictionary(x => x.Id, _ => (int?)null),
                    $"not graded: {e.Message}"
                ),
                false,
                0
            );
        }
    }

    /// <summary>
    /// The worker's slot gets every editable file of every exercise — the student's, or the committed stub where the
    /// student has none — so that the set of file names, and with it the slot's build, never changes.
    /// </summary>
    /// <returns>The slot as a code source, and per exercise a hash of the files it now holds.</returns>
    private (CodeSource Source, IReadOnlyDictionary<string, string> Contents) PrepareSlot(int slot, StagedSubmission staged, string stubs)
    {
        var root = Path.Combine(catalog.Layout.Artifacts, "batch-slots", $"slot-{slot}");
        var contents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var exercise in options.Exercises)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(Encoding.UTF8.GetBytes(exercise.Id + "\n"));
            foreach (var name in exercise.Editable)
            {
                var target = Path.Combine(root, exercise.Id, name);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var bytes =
                    staged.EditableFiles.GetValueOrDefault(exercise.Id)?.GetValueOrDefault(name)
                    ?? File.ReadAllBytes(Path.Combine(stubs, exercise.Id, name));
                File.WriteAllBytes(target, bytes);
                hash.AppendData(Encoding.UTF8.GetBytes($"{name}\n{bytes.Length}\n"));
                hash.AppendData(bytes);
            }
            contents[exercise.Id] = Convert.ToHexString(hash.GetHashAndReset());
        }
        return (CodeSource.Folder(root) with { Description = $"the submission of {staged.Submission.StudentId}" }, contents);
    }

    private static string Note(StagedSubmission staged, IReadOnlyList<ExerciseResult> results)
    {
        List<string> notes = [];
        if (staged.Problem is not null)
        {
            notes.Add($"not graded: {staged.Problem}");
        }
        notes.AddRange(results.Where(r => r.Status == ExerciseStatus.BuildFailed).Select(r => $"{r.Exercise.Id} does not build"));
        notes.AddRange(results.Where(r => r.Status == ExerciseStatus.GraderError).Select(r => $"{r.Exercise.Id}: grader error"));
        if (staged.Ignored.Count > 0)
        {
            notes.Add($"{staged.Ignored.Count} file(s) outside the editable ones ignored");
        }
        return string.Join("; ", notes);
    }

    private static SavedRow? ReadState(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<SavedRow>(File.ReadAllText(path)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record SavedRow(string Hash, GradebookRow Row);

    /// <summary>
    /// One permit per worker: a grade holds one, and a grader that times code (`"measuresSpeed"`, on its request:
    /// MachineTurn) trades it for all of them once the others' current grades have ended, until it is done measuring
    /// or its grade ends.
    /// </summary>
    private sealed class CpuGate(int workers)
    {
        private readonly SemaphoreSlim permits = new(workers, workers);
        private readonly SemaphoreSlim claiming = new(1, 1);

        private int Workers => workers;

        public async Task<Turn> EnterAsync(CancellationToken cancellation)
        {
            await permits.WaitAsync(cancellation);
            return new Turn(this);
        }

        public sealed class Turn(CpuGate gate) : IDisposable
        {
            private readonly Lock sync = new();
            private int held = 1;
            private bool ended;
            private bool shared;

            // Called from the grader's output while the grade may end (Dispose) or share (Share) at any moment: a
            // permit taken after either goes straight back, but for the one a running grade keeps.
            public async Task AloneAsync(CancellationToken cancellation)
            {
                lock (sync)
                {
                    if (ended || shared || held == gate.Workers)
                    {
                        return;
                    }
                    gate.permits.Release(held); // first its own: two graders asking at once must not wait for each other
                    held = 0;
                }
                await gate.claiming.WaitAsync(cancellation);
                try
                {
                    while (true)
                    {
                        lock (sync)
                        {
                            if (ended || (shared && held == 1) || held == gate.Workers)
                            {
                                return;
                            }
                        }
                        await gate.permits.WaitAsync(cancellation);
                        lock (sync)
                        {
                            if (ended || (shared && held == 1))
                            {
                                gate.permits.Release();
                                return;
                            }
                            held++;
                        }
                    }
                }
                finally
                {
                    gate.claiming.Release();
                }
            }

            /// <summary>Back to one permit, the grade's own, for the rest of the grade.</summary>
            public void Share()
            {
                lock (sync)
                {
                    shared = true;
                    if (!ended && held > 1)
                    {
                        gate.permits.Release(held - 1);
                        held = 1;
                    }
                }
            }

            public void Dispose()
            {
                lock (sync)
                {
                    ended = true;
                    if (held > 0)
                    {
                        gate.permits.Release(held);
                        held = 0;
                    }
                }
            }
        }
    }

    private sealed class WorkerTurns : IMachineTurns
    {
        public CpuGate.Turn? Current { get; set; }

        public Task AloneAsync(CancellationToken cancellation) => Current?.AloneAsync(cancellation) ?? Task.CompletedTask;

        public void Share() => Current?.Share();
    }
}
