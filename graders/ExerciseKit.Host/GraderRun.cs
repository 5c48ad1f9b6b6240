using System.Diagnostics;
using System.Security.Cryptography;

namespace ExerciseKit.Host;

/// <summary>
/// Runs a built grader assembly. Fail closed: the tests to score come from the assembly's own discovery listing,
/// and a test with no reported outcome — a crash, a timeout, an early exit — is a failure.
/// </summary>
public static class GraderRun
{
    public static async Task<IReadOnlyList<TestResult>> RunAsync(
        string graderAssembly,
        TimeLimits limits,
        CancellationToken cancellation = default,
        GradingIsolation? isolation = null
    )
    {
        isolation ??= GradingIsolation.Default;
        var expected = await ListTestsAsync(graderAssembly, isolation, cancellation);

        var reported = new Dictionary<string, ReportedOutcome>(StringComparer.Ordinal);
        var timedOut = new HashSet<string>(StringComparer.Ordinal);
        var exerciseDeadline = Stopwatch.StartNew();
        ProcessOutcome? lastRun = null;

        // A test that overruns its limit gets the process killed; the graders then run again for every test that
        // has no result yet (a killed run writes no result file), until all have one or the exercise time is up.
        while (expected.Any(t => !reported.ContainsKey(t.Name) && !timedOut.Contains(t.Name)))
        {
            var left = TimeSpan.FromSeconds(limits.ExerciseSeconds) - exerciseDeadline.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                break;
            }

            var pending = expected.Where(t => !reported.ContainsKey(t.Name) && !timedOut.Contains(t.Name)).ToList();
            var (run, results, overran) = await RunOnceAsync(
                graderAssembly,
                pending,
                pending.Count < expected.Count,
                limits,
                left,
                isolation,
                cancellation
            );
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
            return XunitReports.ParseListing(cachedListing);
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
            tests = XunitReports.ParseListing(listing.StandardOutput);
        }
        catch (KitException e)
        {
            throw new KitException($"{e.Message} (exit code {listing.ExitCode}) {Tail(listing.StandardError)}".Trim());
        }

        // JSON strings hold no raw line breaks: one line keeps the whole listing.
        await File.WriteAllLinesAsync(cache + ".tmp", [identity, listing.StandardOutput.ReplaceLineEndings(" ")], cancellation);
        File.Move(cache + ".tmp", cache, overwrite: true);
        return tests;
    }

    private static async Task<(ProcessOutcome Run, IReadOnlyDictionary<string, ReportedOutcome> Results, string? TimedOut)> RunOnceAsync(
        string graderAssembly,
        IReadOnlyList<GraderTest> tests,
        bool filter,
        TimeLimits limits,
        TimeSpan timeLeft,
        GradingIsolation isolation,
        CancellationToken cancellation
    )
    {
        // A fresh folder per run: the only place a sandboxed grader may write. The key never touches the disk.
        var runFolder = Path.Combine(Path.GetTempPath(), "exercisekit-runs", Guid.NewGuid().ToString("N"));
        Sandbox.MakeWritable(Path.GetDirectoryName(runFolder)!, sticky: true);
        Sandbox.MakeWritable(runFolder);
        var resultFile = Path.Combine(runFolder, "results.xml");
        var verdictFile = Path.Combine(runFolder, "verdicts.txt");
        var key = RandomNumberGenerator.GetBytes(32);

        List<string> arguments = [graderAssembly, "-noLogo", "-noColor", "-reporter", "json", "-result-xml", resultFile];
        if (filter)
        {
            arguments.AddRange(tests.SelectMany(t => new[] { "-method", t.Name }));
        }
        var (file, wrapped) = isolation.Sandbox is { } sandbox
            ? sandbox.Wrap(Sandbox.DotnetHost, arguments, readOnly: [Path.GetDirectoryName(graderAssembly)!], writable: [runFolder])
            : ("dotnet", arguments);

        using var watchdog = new TestWatchdog(TimeSpan.FromSeconds(limits.TestSeconds));
        try
        {
            var run = await ProcessRunner.RunAsync(
                file,
                wrapped,
                timeLeft,
                cancellation: cancellation,
                onOutputLine: watchdog.OnOutputLine,
                kill: watchdog.Kill,
                standardInput: Convert.ToHexString(key) + "\n",
                limits: isolation.Limits,
                environment: new Dictionary<string, string> { [SignedVerdicts.FileVariable] = verdictFile }
            );
            var results =
                File.Exists(resultFile) && !run.Killed
                    ? SignedVerdicts.Confirm(
                        XunitReports.ParseResults(await File.ReadAllTextAsync(resultFile, cancellation)),
                        key,
                        File.Exists(verdictFile) ? await File.ReadAllLinesAsync(verdictFile, cancellation) : []
                    )
                    : new Dictionary<string, ReportedOutcome>();
            return (run, results, run.Killed ? watchdog.TimedOutTest : null);
        }
        finally
        {
            Directory.Delete(runFolder, recursive: true);
        }
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
