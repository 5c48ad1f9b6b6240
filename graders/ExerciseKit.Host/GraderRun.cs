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
        CancellationToken cancellation = default
    )
    {
        var listing = await ProcessRunner.RunAsync(
            "dotnet",
            [graderAssembly, "-noLogo", "-noColor", "-list", "full/json"],
            TimeSpan.FromMinutes(1),
            cancellation: cancellation
        );
        IReadOnlyList<GraderTest> expected;
        try
        {
            expected = XunitReports.ParseListing(listing.StandardOutput);
        }
        catch (KitException e)
        {
            throw new KitException($"{e.Message} (exit code {listing.ExitCode}) {Tail(listing.StandardError)}".Trim());
        }

        var resultFile = Path.Combine(Path.GetTempPath(), $"exercisekit-{Guid.NewGuid():N}.xml");
        try
        {
            var run = await ProcessRunner.RunAsync(
                "dotnet",
                [graderAssembly, "-noLogo", "-noColor", "-reporter", "silent", "-result-xml", resultFile],
                TimeSpan.FromSeconds(limits.ExerciseSeconds),
                cancellation: cancellation
            );
            var reported = File.Exists(resultFile)
                ? XunitReports.ParseResults(await File.ReadAllTextAsync(resultFile, cancellation))
                : null;
            return expected.Select(test => Score(test, reported, run, limits)).ToList();
        }
        finally
        {
            File.Delete(resultFile);
        }
    }

    private static TestResult Score(
        GraderTest test,
        IReadOnlyDictionary<string, ReportedOutcome>? reported,
        ProcessOutcome run,
        TimeLimits limits
    )
    {
        if (reported is null || !reported.TryGetValue(test.Name, out var outcome))
        {
            var why = run.TimedOut
                ? $"timed out: the graders of this exercise did not finish within {limits.ExerciseSeconds} s (look for an endless loop)."
                : $"no result: the grader process ended early (exit code {run.ExitCode}) before reporting this test. {Tail(run.StandardError)}";
            return new TestResult(test, TestVerdict.Failed, why.Trim(), TimeSpan.Zero);
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
