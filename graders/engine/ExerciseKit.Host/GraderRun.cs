using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ExerciseKit.Grading;
using ExerciseKit.Grading.Boundary;

namespace ExerciseKit.Host;

/// <summary>
/// Runs a built grader assembly. Fail closed: the tests to score come from the assembly's own discovery listing,
/// and a test with no reported outcome — a crash, a timeout, an early exit — is a failure. The grader process (the
/// judge) runs only the kit's and the graders' code, so its result file is its verdict; the learner's code runs in
/// the subject process the judge starts, in the sandbox when there is one (<see cref="SubjectCommand"/>).
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
                ?? await StartRunAsync(graderAssembly, filter ? pending : null, limits, isolation, warm: false);
            var (run, results, overran) = await FinishRunAsync(started, left, cancellation);
            keptWaiting += started.Watchdog.KeptWaiting;
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

        // Discovery runs no learner code: the graders never load it.
        List<string> arguments = [graderAssembly, "-noLogo", "-noColor", "-list", "full/json"];
        var listing = await ProcessRunner.RunAsync(
            Sandbox.DotnetHost,
            arguments,
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
    /// Starts a run of all the grader's tests that waits for a line on its input, so the runtime starts, the graders
    /// load, xunit discovers and the subject warms up while the learner's code is still compiling. Hand it to
    /// <see cref="RunAsync"/> once the new learner assembly sits beside the subject.
    /// </summary>
    public static async Task<WarmGrader> StartWarmAsync(string graderAssembly, TimeLimits limits, GradingIsolation? isolation = null) =>
        new(graderAssembly, await StartRunAsync(graderAssembly, null, limits, isolation ?? GradingIsolation.Default, warm: true));

    private static async Task<StartedRun> StartRunAsync(
        string graderAssembly,
        IReadOnlyList<GraderTest>? only,
        TimeLimits limits,
        GradingIsolation isolation,
        bool warm
    )
    {
        // A fresh folder per run, for the judge's result file: the subject never sees it.
        var runFolder = NewRunFolder();
        var resultFile = Path.Combine(runFolder, "results.xml");

        List<string> arguments = [graderAssembly, .. RunArguments(resultFile)];
        arguments.AddRange((only ?? []).SelectMany(t => new[] { "-method", t.Name }));
        var environment = RunEnvironment(isolation, graderAssembly, runFolder, warm);
        var watchdog = new TestWatchdog(TimeSpan.FromSeconds(limits.TestSeconds));
        var turn = isolation.Turns is { } turns ? new MachineTurnRequest(turns, watchdog) : null;
        if (turn is not null)
        {
            environment[MachineTurn.Variable] = "1";
        }
        try
        {
            var process = await ProcessRunner.StartAsync(
                Sandbox.DotnetHost,
                arguments,
                onOutputLine: line =>
                {
                    turn?.OnOutputLine(line);
                    watchdog.OnOutputLine(line);
                },
                takesInput: true,
                limits: isolation.Limits,
                environment: environment
            );
            turn?.Attach(process);
            return new StartedRun(process, watchdog, runFolder, resultFile, turn);
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

    /// <summary>
    /// The subject's command line for the grader <paramref name="graderAssembly"/>: in the sandbox when there is one,
    /// seeing only its own folder (the learner's assembly and its libraries) and a private /tmp; null to let the judge
    /// start it itself, unsandboxed (a learner's own machine).
    /// </summary>
    internal static IReadOnlyList<string>? SubjectCommand(
        GradingIsolation isolation,
        string graderAssembly,
        string runFolder,
        IReadOnlyDictionary<string, string> environment
    )
    {
        if (isolation.Sandbox is not { } sandbox)
        {
            return null;
        }
        var subject = SubjectLocation.Of(graderAssembly);
        var (file, arguments) = sandbox.Wrap(
            Sandbox.DotnetHost,
            [subject],
            readOnly: [Path.GetDirectoryName(subject)!, Scratch(runFolder)],
            writable: [],
            environment.Where(e => e.Key != "TMPDIR").ToDictionary()
        );
        return [file, .. arguments];
    }

    /// <summary>The judge's temporary folder (its TMPDIR): files the graders write for the learner's code, which the subject may read.</summary>
    internal static string Scratch(string runFolder) => Path.Combine(runFolder, "scratch");

    /// <summary>Run folders live here, for the judges' result files.</summary>
    internal static string NewRunFolder()
    {
        var runFolder = Path.Combine(Path.GetTempPath(), "exercisekit-runs", Guid.NewGuid().ToString("N"));
        Sandbox.MakeWritable(Path.GetDirectoryName(runFolder)!, sticky: true);
        Sandbox.MakeWritable(runFolder);
        return runFolder;
    }

    /// <summary>The environment of a judge and, through it, of its subject.</summary>
    internal static Dictionary<string, string> RunEnvironment(
        GradingIsolation isolation,
        string graderAssembly,
        string runFolder,
        bool warm
    )
    {
        Directory.CreateDirectory(Scratch(runFolder));
        var environment = new Dictionary<string, string>
        {
            ["TMPDIR"] = Scratch(runFolder),
            // The runtime's W^X mapping of JIT-compiled code costs a short-lived grader process a noticeable share of its
            // CPU (figures: graders/docs/performance.md). It hardens a process against memory-corruption exploits;
            // learner code is untrusted anyway and runs in the sandbox, which is what protects the machine.
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
        if (isolation.ThreadsPerRun > 0)
        {
            environment["OMP_NUM_THREADS"] = environment["MKL_NUM_THREADS"] = isolation.ThreadsPerRun.ToString(
                CultureInfo.InvariantCulture
            );
        }
        if (SubjectCommand(isolation, graderAssembly, runFolder, environment) is { } subject)
        {
            environment[SubjectProcess.CommandVariable] = JsonSerializer.Serialize(subject);
        }
        if (warm)
        {
            environment[JudgeTestFramework.WaitVariable] = "1";
        }
        return environment;
    }

    private static async Task<(ProcessOutcome Run, IReadOnlyDictionary<string, ReportedOutcome> Results, string? TimedOut)> FinishRunAsync(
        StartedRun started,
        TimeSpan timeLeft,
        CancellationToken cancellation
    )
    {
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
                "go\n", // to a warm judge: the learner's assembly is final
                timeLeft,
                cancellation,
                started.Watchdog.Kill,
                closeInput: started.Turn is null // a grader offered machine turns waits for its answer there
            );
        var results =
            File.Exists(started.ResultFile) && !run.Killed
                ? XunitOutput.ParseResultsOrNone(await File.ReadAllTextAsync(started.ResultFile, cancellation))
                : new Dictionary<string, ReportedOutcome>();
        return (run, results, run.Killed ? started.Watchdog.TimedOutTest : null);
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
