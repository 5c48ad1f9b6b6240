using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using ExerciseKit.Grading;

namespace ExerciseKit.Host;

/// <summary>
/// Runs a built grader assembly. Fail closed: the tests to score come from the assembly's own discovery listing,
/// and a test with no reported outcome — a crash, a timeout, an early exit — is a failure.
/// </summary>
public static class GraderRun
{
    // How long a grader offered machine turns may be kept waiting for them beyond its exercise's limit before its
    // process is stopped regardless: every other grade it waits for ends within its own limit (240 s at most) first.
    private static readonly TimeSpan LongestTurnWait = TimeSpan.FromMinutes(10);

    public static async Task<IReadOnlyList<TestResult>> RunAsync(
        string graderAssembly,
        TimeLimits limits,
        CancellationToken cancellation = default,
        GradingIsolation? isolation = null,
        WarmGrader? warm = null
    )
    {
        isolation ??= GradingIsolation.Default;
        var expected = await ListTestsAsync(graderAssembly, isolation, cancellation);
        if (warm is not null && warm.GraderAssembly != graderAssembly)
        {
            throw new ArgumentException($"The warm grader runs {warm.GraderAssembly}, not {graderAssembly}.", nameof(warm));
        }

        var reported = new Dictionary<string, ReportedOutcome>(StringComparer.Ordinal);
        var timedOut = new HashSet<string>(StringComparer.Ordinal);
        var exerciseDeadline = Stopwatch.StartNew();
        var keptWaiting = TimeSpan.Zero; // for machine turns, by the host: not the graders' time
        ProcessOutcome? lastRun = null;
        var warmRun = warm is { IsWaiting: true } ? warm.Take() : null; // runs every test: only the first round can use it

        // A test that overruns its limit gets the process killed; the graders then run again for every test that
        // has no result yet (a killed run writes no result file), until all have one or the exercise time is up.
        while (expected.Any(t => !reported.ContainsKey(t.Name) && !timedOut.Contains(t.Name)))
        {
            var left = TimeSpan.FromSeconds(limits.ExerciseSeconds) - (exerciseDeadline.Elapsed - keptWaiting);
            if (left <= TimeSpan.Zero)
            {
                break;
            }

            var pending = expected.Where(t => !reported.ContainsKey(t.Name) && !timedOut.Contains(t.Name)).ToList();
            var filter = pending.Count < expected.Count;
            await using var started =
                Interlocked.Exchange(ref warmRun, null)
                ?? await StartRunAsync(graderAssembly, filter ? pending : null, limits, isolation, notYetLoaded: null);
            var (run, results, overran, stale) = await FinishRunAsync(started, left, cancellation);
            keptWaiting += started.Watchdog.KeptWaiting;
            if (stale)
            {
                continue; // a warm start that loaded the learner's previous build: the next round starts cold
            }
            lastRun = run;
            foreach (var (name, outcome) in results)
            {
                reported[name] = outcome;
            }

            if (overran is null)
            {
                break; // the run ended by itself: whatever is still missing never will be reported
            }

            timedOut.Add(overran);
        }
        if (warmRun is not null)
        {
            await warmRun.DisposeAsync();
        }

        return expected.Select(test => Score(test, reported, timedOut, lastRun, limits)).ToList();
    }

    /// <summary>
    /// The grader's tests, from xunit's own discovery. They depend on the grader assembly alone, so the listing is
    /// kept beside it and reused while the assembly's bytes are the same (a warm grade recompiles only the learner).
    /// </summary>
    private static async Task<IReadOnlyList<GraderTest>> ListTestsAsync(
        string graderAssembly,
        GradingIsolation isolation,
        CancellationToken cancellation
    )
    {
        var cache = graderAssembly + ".tests.json";
        var identity = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(graderAssembly, cancellation)));
        if (
            File.Exists(cache)
            && await File.ReadAllLinesAsync(cache, cancellation) is [var cachedIdentity, var cachedListing]
            && cachedIdentity == identity
        )
        {
            return XunitOutput.ParseListing(cachedListing);
        }

        // Discovery loads the assembly that references the learner's code: in a sandbox too, when grading runs in one.
        List<string> arguments = [graderAssembly, "-noLogo", "-noColor", "-list", "full/json"];
        var (file, wrapped) = isolation.Sandbox is { } sandbox
            ? sandbox.Wrap(Sandbox.DotnetHost, arguments, readOnly: [Path.GetDirectoryName(graderAssembly)!], writable: [])
            : ("dotnet", arguments);
        var listing = await ProcessRunner.RunAsync(
            file,
            wrapped,
            TimeSpan.FromMinutes(1),
            cancellation: cancellation,
            limits: isolation.Limits
        );
        IReadOnlyList<GraderTest> tests;
        try
        {
            tests = XunitOutput.ParseListing(listing.StandardOutput);
        }
        catch (KitException e)
        {
            throw new KitException($"{e.Message} (exit code {listing.ExitCode}) {Tail(listing.StandardError)}".Trim());
        }

        // JSON strings hold no raw line breaks: one line keeps the whole listing.
        AtomicFile.Write(cache, $"{identity}\n{listing.StandardOutput.ReplaceLineEndings(" ")}\n");
        return tests;
    }

    /// <summary>
    /// Starts a run of all the grader's tests that waits for its key, so the runtime starts, the graders load and
    /// xunit discovers while the learner's code is still compiling. Hand it to <see cref="RunAsync"/> once the new
    /// learner assembly sits beside the grader; it must not be loaded before then, and the framework checks that.
    /// </summary>
    public static async Task<WarmGrader> StartWarmAsync(
        string graderAssembly,
        string learnerAssemblyName,
        TimeLimits limits,
        GradingIsolation? isolation = null
    ) => new(graderAssembly, await StartRunAsync(graderAssembly, null, limits, isolation ?? GradingIsolation.Default, learnerAssemblyName));

    private static async Task<StartedRun> StartRunAsync(
        string graderAssembly,
        IReadOnlyList<GraderTest>? only,
        TimeLimits limits,
        GradingIsolation isolation,
        string? notYetLoaded
    )
    {
        // A fresh folder per run: the only place a sandboxed grader may write. The key never touches the disk.
        var runFolder = NewRunFolder();
        var resultFile = Path.Combine(runFolder, "results.xml");
        var verdictFile = Path.Combine(runFolder, "verdicts.txt");

        List<string> arguments = [graderAssembly, .. RunArguments(resultFile)];
        arguments.AddRange((only ?? []).SelectMany(t => new[] { "-method", t.Name }));
        var environment = RunEnvironment(isolation, verdictFile, notYetLoaded);
        var watchdog = new TestWatchdog(TimeSpan.FromSeconds(limits.TestSeconds));
        var turn = isolation.Turns is { } turns ? new MachineTurnRequest(turns, watchdog) : null;
        if (turn is not null)
        {
            environment[MachineTurn.Variable] = "1";
        }
        var (file, wrapped) = Wrap(
            isolation,
            arguments,
            readOnly: [Path.GetDirectoryName(graderAssembly)!],
            writable: runFolder,
            environment
        );

        try
        {
            var process = await ProcessRunner.StartAsync(
                file,
                wrapped,
                onOutputLine: line =>
                {
                    turn?.OnOutputLine(line);
                    watchdog.OnOutputLine(line);
                },
                takesInput: true,
                limits: isolation.LimitsFor(runFolder),
                environment: environment
            );
            turn?.Attach(process);
            return new StartedRun(process, watchdog, runFolder, resultFile, verdictFile, Warm: notYetLoaded is not null, turn);
        }
        catch
        {
            turn?.Dispose();
            watchdog.Dispose();
            Directory.Delete(runFolder, recursive: true);
            throw;
        }
    }

    /// <summary>xunit's arguments for a graded run, after the grader assembly's path.</summary>
    internal static IReadOnlyList<string> RunArguments(string resultFile) =>
        ["-noLogo", "-noColor", "-reporter", "json", "-result-xml", resultFile];

    /// <summary>The grader process's command line: in the sandbox when there is one, seeing only the given folders.</summary>
    internal static (string File, IReadOnlyList<string> Arguments) Wrap(
        GradingIsolation isolation,
        IReadOnlyList<string> arguments,
        IReadOnlyList<string> readOnly,
        string writable,
        IReadOnlyDictionary<string, string> environment
    ) =>
        isolation.Sandbox is { } sandbox
            ? sandbox.Wrap(Sandbox.DotnetHost, arguments, readOnly, [writable], environment)
            : ("dotnet", arguments);

    /// <summary>Run folders live here; each is the only place a sandboxed grader may write.</summary>
    internal static string NewRunFolder()
    {
        var runFolder = Path.Combine(Path.GetTempPath(), "exercisekit-runs", Guid.NewGuid().ToString("N"));
        Sandbox.MakeWritable(Path.GetDirectoryName(runFolder)!, sticky: true);
        Sandbox.MakeWritable(runFolder);
        return runFolder;
    }

    internal static Dictionary<string, string> RunEnvironment(GradingIsolation isolation, string verdictFile, string? notYetLoaded)
    {
        var environment = new Dictionary<string, string>
        {
            [SigningTestFramework.FileVariable] = verdictFile,
            // The runtime's W^X mapping of JIT-compiled code costs a short-lived grader process a noticeable share of its
            // CPU (figures: graders/docs/performance.md). It hardens a process against memory-corruption exploits;
            // learner code here is untrusted anyway and runs in the sandbox, which is what protects the machine.
            ["DOTNET_EnableWriteXorExecute"] = "0",
            // libtorch registers its operators with hundreds of thousands of small mallocs as it loads. One malloc arena
            // backed by transparent huge pages takes far fewer page faults for them. The graders' own threads barely use
            // malloc (the .NET heap is the GC's), so one arena costs no contention.
            ["GLIBC_TUNABLES"] = "glibc.malloc.hugetlb=1:glibc.malloc.arena_max=1",
            // A grader process lives a few seconds, too short for tiering to pay off: by default every library method
            // called 30 times is compiled again, instrumented, then a third time optimized. Without profile-guided
            // tiering and with a 1000-call threshold the precompiled (ReadyToRun) code stays in use, and no tier-up
            // runs on the other core while 04 times one worker against two.
            ["DOTNET_TieredPGO"] = "0",
            ["DOTNET_TC_CallCountThreshold"] = "1000",
        };
        if (notYetLoaded is not null)
        {
            environment[SigningTestFramework.NotYetLoadedVariable] = notYetLoaded;
        }
        if (isolation.ThreadsPerRun > 0)
        {
            environment["OMP_NUM_THREADS"] = environment["MKL_NUM_THREADS"] = isolation.ThreadsPerRun.ToString(
                CultureInfo.InvariantCulture
            );
        }
        return environment;
    }

    private static async Task<(
        ProcessOutcome Run,
        IReadOnlyDictionary<string, ReportedOutcome> Results,
        string? TimedOut,
        bool Stale
    )> FinishRunAsync(StartedRun started, TimeSpan timeLeft, CancellationToken cancellation)
    {
        var key = started.Session?.Key ?? RandomNumberGenerator.GetBytes(32);
        if (started.Turn is not null)
        {
            // The host may keep a test waiting for its machine turn: that time does not count against the exercise's
            // limit, which the watchdog then keeps; the process's own deadline is only a last resort.
            started.Watchdog.LimitRun(timeLeft);
            timeLeft += LongestTurnWait;
        }
        var run = started.Session is { } session
            ? await session.FinishAsync(timeLeft, cancellation)
            : await started.Process.FinishAsync(
                Convert.ToHexString(key) + "\n",
                timeLeft,
                cancellation,
                started.Watchdog.Kill,
                closeInput: started.Turn is null // a grader offered machine turns waits for its answer there
            );
        var verdicts = File.Exists(started.VerdictFile) ? await File.ReadAllLinesAsync(started.VerdictFile, cancellation) : [];
        // Only a warm run may be stale: a cold one cannot be retried for it.
        if (started.Warm && (verdicts is [SigningTestFramework.StaleMarker] || started.Session is { DiedUnderLaterRun: true }))
        {
            return (run, new Dictionary<string, ReportedOutcome>(), null, true);
        }

        var results =
            File.Exists(started.ResultFile) && !run.Killed
                ? SignedVerdicts.Confirm(
                    XunitOutput.ParseResultsOrNone(await File.ReadAllTextAsync(started.ResultFile, cancellation)),
                    key,
                    verdicts
                )
                : new Dictionary<string, ReportedOutcome>();
        return (run, results, run.Killed ? started.Watchdog.TimedOutTest : null, false);
    }

    private static TestResult Score(
        GraderTest test,
        IReadOnlyDictionary<string, ReportedOutcome> reported,
        IReadOnlySet<string> timedOut,
        ProcessOutcome? run,
        TimeLimits limits
    )
    {
        if (timedOut.Contains(test.Name))
        {
            return new TestResult(
                test,
                TestVerdict.Failed,
                $"timed out after {limits.TestSeconds} s: this test's call into your code never returned (an endless loop, or a wait that nothing ends). The other tests were graded without it.",
                TimeSpan.FromSeconds(limits.TestSeconds),
                FromHost: true
            );
        }

        if (!reported.TryGetValue(test.Name, out var outcome))
        {
            var why = run switch
            {
                { MemoryExceeded: true } =>
                    $"stopped: the graders and your code used more than {run.PeakMemoryBytes >> 20} MB of memory (the limit) before this test reported. Look for data that grows without bound.",
                { DiskExceeded: true } =>
                    "stopped: the graders and your code wrote more than the limit to the disk before this test reported. Look for files written in a loop.",
                { OutputExceeded: true } =>
                    "stopped: more output than the limit was written (a print in a loop?) before this test reported.",
                null or { TimedOut: true } or { Killed: true } =>
                    $"timed out: the graders of this exercise did not finish within {limits.ExerciseSeconds} s (look for an endless loop).",
                _ =>
                    $"no result: the grader process ended early (exit code {run.ExitCode}) before reporting this test. {Tail(run.StandardError)}",
            };
            return new TestResult(test, TestVerdict.Failed, why.Trim(), TimeSpan.Zero, FromHost: true);
        }

        return outcome.Result switch
        {
            "Pass" => new TestResult(test, TestVerdict.Passed, "", outcome.Duration),
            "Fail" when outcome.ExceptionType == typeof(NotImplementedException).FullName => new TestResult(
                test,
                TestVerdict.NotImplemented,
                "not implemented yet: " + outcome.Message,
                outcome.Duration
            ),
            "Fail" when outcome.ExceptionType == typeof(NotMeasuredException).FullName => new TestResult(
                test,
                TestVerdict.NotMeasured,
                "not measured: " + outcome.Message,
                outcome.Duration
            ),
            "Fail" => new TestResult(test, TestVerdict.Failed, outcome.Message, outcome.Duration),
            _ => new TestResult(test, TestVerdict.Failed, $"did not run ({outcome.Result}): {outcome.Message}".Trim(), outcome.Duration),
        };
    }

    private static string Tail(string text)
    {
        var lines = text.Trim().Split('\n');
        return string.Join("\n", lines.TakeLast(5));
    }
}
