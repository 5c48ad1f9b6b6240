using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace ExerciseKit.Host.Classroom;

/// <summary>
/// Grades a class: each submission staged (editable files only), then graded with the instructor's graders and
/// analyzers in the sandbox. Workers each own a slot folder whose build is reused from one submission to the next,
/// so a warm submission costs a recompile of its files plus the graders' own time. A submission whose content (and
/// kit) was graded before is not graded again, nor is an exercise whose files another submission of this run has.
/// Once a slot is built, an exercise whose graders time code is graded beside the others (<see cref="CpuGate"/>). A
/// failure of one submission is its own row, never the batch's end.
/// </summary>
public sealed class BatchGrader(ExerciseCatalog catalog, BatchOptions options)
{
    private readonly CpuGate cpu = new(Math.Max(1, options.Workers));

    // Per worker: the turn of the exercise it grades, which that exercise's graders may ask to have alone.
    private readonly WorkerTurns[] turns = [.. Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => new WorkerTurns())];

    // Per exercise, by the bytes of its editable files: identical files (an exercise left untouched, a shared
    // answer) are graded once and get the same result.
    private readonly ConcurrentDictionary<string, Lazy<Task<ExerciseResult>>> byContent = new(StringComparer.Ordinal);

    // Per worker: a uid no other grading on the machine runs as, for as long as the batch runs.
    private SandboxUser[] users = [];

    private string StateFolder => Path.Combine(options.OutputFolder, ".state");

    /// <summary>How a gradebook note starts when a test could not be measured (grade-batch --regrade-unmeasured).</summary>
    public const string NeedsRegrade = "needs regrade";

    public async Task<Gradebook> RunAsync(IReadOnlyList<Submission> all, Action<string> progress, CancellationToken cancellation)
    {
        var mine = all.OrderBy(s => s.StudentId, StringComparer.Ordinal)
            .Where((_, index) => index % options.ShardCount == options.ShardIndex - 1)
            .ToList();
        Directory.CreateDirectory(StateFolder);
        var stubs = CodeSource.PristineStubs(catalog).MsBuildValue;
        var kit = string.Join(",", options.Exercises.Select(e => KitInputs.Fingerprint(catalog.Layout, e, CodeSource.Learner)));

        users = options.Isolation.Sandbox is null
            ? []
            : [.. Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => SandboxUser.Lease())];
        try
        {
            return await GradeAllAsync(mine, stubs, kit, progress, cancellation);
        }
        finally
        {
            foreach (var user in users)
            {
                user.Dispose();
            }
        }
    }

    private async Task<Gradebook> GradeAllAsync(
        List<Submission> mine,
        string stubs,
        string kit,
        Action<string> progress,
        CancellationToken cancellation
    )
    {
        var queue = Channel.CreateBounded<Submission>(Math.Max(1, options.Workers));
        var rows = new List<GradebookRow>();
        var done = 0;
        var workers = Enumerable
            .Range(0, Math.Max(1, options.Workers))
            .Select(slot =>
                Task.Run(
                    async () =>
                    {
                        try
                        {
                            await WorkAsync();
                        }
                        catch (Exception e)
                        {
                            queue.Writer.TryComplete(e); // the writer must not wait for a worker that is gone
                            throw;
                        }

                        async Task WorkAsync()
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
            if (ReadState(statePath) is { } saved && saved.Hash == hash && !(options.RegradeUnmeasured && saved.NeedsRegrade))
            {
                return (saved.Row, true, 0);
            }

            var (results, shared) = staged.Problem is null ? await GradeExercisesAsync(staged, slot, stubs, kit, cancellation) : ([], 0);

            var grade = new StudentGrade(
                submission.StudentId,
                results,
                staged.Ignored,
                staged.Problem,
                options.Exercises.Sum(e => e.MaxPoints),
                clock.Elapsed,
                staged.Skipped
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
            AtomicFile.Write(statePath, JsonSerializer.Serialize(new SavedRow(hash, row, results.Any(r => r.NotMeasured > 0))));
            return (row, false, shared);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            // Whatever one hand-in does to the host — a name the file system refuses, a results file its code corrupted,
            // a bug of the kit's own that it reaches — costs that student's row, never the class's gradebook. Nothing is
            // saved for it, so the next run tries again.
            var reason = e is KitException or IOException or UnauthorizedAccessException or InvalidDataException
                ? e.Message
                : $"the grading host failed on this hand-in ({e.GetType().Name}: {e.Message}); the rest of the class was graded";
            return (
                new GradebookRow(
                    submission.StudentId,
                    options.Exercises.ToDictionary(x => x.Id, _ => (int?)null),
                    $"not graded: {SafeText.OneLine(reason, 500)}"
                ),
                false,
                0
            );
        }
    }

    /// <summary>
    /// Grades a staged submission's exercises in the worker's slot, in two lanes: exercises whose graders time code
    /// mostly wait (on learner code, on deadlines, for their machine turn), so once the slot is built they run beside
    /// the others, one at a time, not after them. A cold slot builds one exercise at a time.
    /// </summary>
    /// <returns>The results in the options' order, and how many were another submission's identical files' result.</returns>
    private async Task<(IReadOnlyList<ExerciseResult> Results, int Shared)> GradeExercisesAsync(
        StagedSubmission staged,
        int slot,
        string stubs,
        string kit,
        CancellationToken cancellation
    )
    {
        var (source, contents) = PrepareSlot(slot, staged, stubs);
        var isolation = options.Isolation with
        {
            Sandbox = options.Isolation.Sandbox is { } sandbox ? sandbox.RunningAs(users[slot]) : null,
            ThreadsPerRun = options.Workers > 1 ? Math.Max(1, Environment.ProcessorCount / options.Workers) : 0,
            Turns = turns[slot], // a grade that times code shares the machine even with one worker: it runs beside
        };
        await using var oneProcess = SharedGraderProcess.ForSubmission(catalog.Layout, source, options.Exercises, isolation);
        await using var grader = new ExerciseGrader(catalog, isolation) { Shared = oneProcess };
        var shared = 0;
        async Task<List<ExerciseResult>> Lane(IEnumerable<ExerciseMetadata> exercises, bool besideOthers)
        {
            List<ExerciseResult> lane = [];
            foreach (var exercise in exercises)
            {
                var (result, fromAnother) = await GradeOncePerContentAsync(
                    kit + "\n" + ProcessContent(exercise, options.Exercises, contents, oneProcess is not null),
                    () => GradeUnderPermitAsync(grader, exercise, source, slot, besideOthers, cancellation)
                );
                Interlocked.Add(ref shared, fromAnother ? 1 : 0);
                lane.Add(result);
            }
            return lane;
        }

        var warm = options.Exercises.All(e => grader.CompilesQuickly(e, source));
        var besides = options.Exercises.Where(e => warm && e.MeasuresSpeed).ToList();
        var graded = (
            await Task.WhenAll( // both end before anything is thrown: no grade is left running
                Lane(besides, besideOthers: true),
                Lane(options.Exercises.Except(besides), besideOthers: false)
            )
        )
            .SelectMany(lane => lane)
            .ToDictionary(r => r.Exercise.Id, StringComparer.Ordinal);
        return ([.. options.Exercises.Select(e => graded[e.Id])], shared);
    }

    /// <summary>
    /// What the process that grades <paramref name="exercise"/> runs of the submission: its own files, or in a shared
    /// grader process the files of every exercise graded there. A result is shared with another submission only when
    /// this is byte-identical: code of one exercise in a shared process can reach the others' results (a student's
    /// untouched exercises, graded beside a hostile one, must not lend their forged results to the class).
    /// </summary>
    internal static string ProcessContent(
        ExerciseMetadata exercise,
        IReadOnlyList<ExerciseMetadata> exercises,
        IReadOnlyDictionary<string, string> contents,
        bool sharedProcess
    ) =>
        sharedProcess && !exercise.MeasuresSpeed
            ? exercise.Id
                + " in a shared process with "
                + string.Join(",", exercises.Where(e => !e.MeasuresSpeed).Select(e => contents[e.Id]))
            : contents[exercise.Id];

    /// <summary>
    /// Identical content (an exercise left untouched, a shared answer; see <see cref="ProcessContent"/>) is graded
    /// once and gets the same result; a grade that fails is forgotten, so the next submission with it tries again.
    /// </summary>
    private async Task<(ExerciseResult Result, bool FromAnother)> GradeOncePerContentAsync(string key, Func<Task<ExerciseResult>> grade)
    {
        var mine = new Lazy<Task<ExerciseResult>>(grade);
        var grading = byContent.GetOrAdd(key, mine);
        try
        {
            return (await grading.Value, grading != mine);
        }
        catch
        {
            byContent.TryRemove(new KeyValuePair<string, Lazy<Task<ExerciseResult>>>(key, grading));
            throw;
        }
    }

    /// <summary>Grades one exercise holding a permit of its kind; one that times code may trade it for the machine.</summary>
    private async Task<ExerciseResult> GradeUnderPermitAsync(
        ExerciseGrader grader,
        ExerciseMetadata exercise,
        CodeSource source,
        int slot,
        bool besideOthers,
        CancellationToken cancellation
    )
    {
        using var permit = await cpu.EnterAsync(besideOthers, cancellation);
        using var offered = exercise.MeasuresSpeed ? turns[slot].Offer(permit) : null; // one at a time per worker: they share a lane
        return await grader.GradeAsync(exercise, source, cancellation);
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
        var unmeasured = results.Where(r => r.NotMeasured > 0).ToList();
        if (unmeasured.Count > 0)
        {
            notes.Add(
                $"{NeedsRegrade}: {string.Join(", ", unmeasured.Select(r => $"{r.Exercise.Id} ({r.NotMeasured} test(s) not measured, machine busy)"))}"
            );
        }
        notes.AddRange(results.Where(r => r.Status == ExerciseStatus.BuildFailed).Select(r => $"{r.Exercise.Id} does not build"));
        notes.AddRange(results.Where(r => r.Status == ExerciseStatus.GraderError).Select(r => $"{r.Exercise.Id}: grader error"));
        if (staged.Ignored.Count > 0)
        {
            notes.Add($"{staged.Ignored.Count} file(s) outside the editable ones ignored");
        }
        if (staged.Skipped.Count > 0)
        {
            notes.Add($"{staged.Skipped.Count} link(s) or unsafe name(s) skipped");
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

    /// <param name="NeedsRegrade">Some test could not be measured: `--regrade-unmeasured` grades the submission again.</param>
    private sealed record SavedRow(string Hash, GradebookRow Row, bool NeedsRegrade = false);

    private sealed class WorkerTurns : IMachineTurns
    {
        private CpuGate.Permit? Current { get; set; }

        /// <summary>The grade holding <paramref name="permit"/> is the one whose graders may ask, until disposed.</summary>
        public IDisposable Offer(CpuGate.Permit permit)
        {
            Current = permit;
            return new Offered(this);
        }

        private sealed class Offered(WorkerTurns turns) : IDisposable
        {
            public void Dispose() => turns.Current = null;
        }

        public Task AloneAsync(CancellationToken cancellation) => Current?.AloneAsync(cancellation) ?? Task.CompletedTask;

        public void Share() => Current?.Share();
    }
}
