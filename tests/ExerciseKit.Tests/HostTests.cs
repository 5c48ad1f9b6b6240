using ExerciseKit.Host;
using Xunit;

namespace ExerciseKit.Tests;

/// <summary>The grading host's parsing and scoring, on hand-written inputs.</summary>
public sealed class HostTests
{
    private static readonly GraderTest Sample = new("1", "Ns.C.Loss_matches", "loss", 2, Visibility.Public);

    [Fact]
    public void The_listing_gives_each_test_its_task_points_and_visibility()
    {
        const string stdout =
            """
                [{"Assembly":"a.dll","DisplayName":"Ns.C.A","ID":"x1","Class":"Ns.C","Method":"A","Explicit":false,
                  "Traits":{"ek.task":["loss"],"ek.points":["3"],"ek.visibility":["hidden"]}},
                 {"Assembly":"a.dll","DisplayName":"Ns.C.B","ID":"x2","Class":"Ns.C","Method":"B","Explicit":false}]
                """ + "\u001b[0m";

        var tests = XunitOutput.ParseListing(stdout);

        Assert.Equal(new GraderTest("x1", "Ns.C.A", "loss", 3, Visibility.Hidden), tests[0]);
        Assert.Equal(new GraderTest("x2", "Ns.C.B", "", 0, Visibility.Public), tests[1]);
    }

    [Fact]
    public void An_unreadable_listing_is_a_kit_error() =>
        Assert.Throws<KitException>(() => XunitOutput.ParseListing("Unhandled exception"));

    [Fact]
    public void Results_keep_the_message_without_the_exception_name()
    {
        const string xml = """
            <assemblies><assembly><collection>
              <test name="Ns.C.A" result="Fail" time="0.25"><failure exception-type="ExerciseKit.Grading.GradingFailure">
                <message>ExerciseKit.Grading.GradingFailure : The sign is flipped.</message></failure></test>
              <test name="Ns.C.B" result="Pass" time="0.1" />
            </collection></assembly></assemblies>
            """;

        var results = XunitOutput.ParseResults(xml);

        Assert.Equal("The sign is flipped.", results["Ns.C.A"].Message);
        Assert.Equal("Fail", results["Ns.C.A"].Result);
        Assert.Equal("Pass", results["Ns.C.B"].Result);
    }

    [Fact]
    public void Messages_lose_the_escapes_xunit_adds_to_its_xml()
    {
        const string xml = """
            <assemblies><assembly><collection>
              <test name="Ns.C.A" result="Fail" time="0.25"><failure exception-type="X">
                <message>X : holds \"\". C:\\tmp\ttab\x01 arrow→ &lt;ok&gt;
            next line</message></failure></test>
            </collection></assembly></assemblies>
            """;

        var message = XunitOutput.ParseResults(xml)["Ns.C.A"].Message;

        Assert.Equal("holds \"\". C:\\tmp\ttab\u0001 arrow→ <ok>\nnext line", message);
    }

    [Fact]
    public void Build_errors_are_read_once_each_from_the_msbuild_log()
    {
        const string log = """
            /k/exercises/01-x/A.cs(13,1): error CS0116: A namespace cannot directly contain members [/k/exercises/01-x/X.csproj]
            /k/exercises/01-x/A.cs(13,1): error CS0116: A namespace cannot directly contain members [/k/exercises/01-x/X.csproj]
            /k/exercises/01-x/A.cs(2,5): warning CS0168: unused
            MSBUILD : error MSB1009: Project file does not exist.
            """;

        var errors = GraderBuild.ParseErrors(log);

        Assert.Equal(2, errors.Count);
        Assert.Equal(
            new BuildDiagnostic("/k/exercises/01-x/A.cs", 13, 1, "CS0116", "A namespace cannot directly contain members"),
            errors[0]
        );
        Assert.Equal("MSB1009", errors[1].Code);
    }

    [Fact]
    public void Status_is_unsolved_only_when_every_test_is_not_implemented()
    {
        var exercise = Kit.Catalog.Exercises[0];
        ExerciseResult With(params TestVerdict[] verdicts) =>
            new(exercise, verdicts.Select(v => new Host.TestResult(Sample, v, "", TimeSpan.Zero)).ToList(), [], null, TimeSpan.Zero);

        Assert.Equal(ExerciseStatus.Unsolved, With(TestVerdict.NotImplemented, TestVerdict.NotImplemented).Status);
        Assert.Equal(ExerciseStatus.Failing, With(TestVerdict.NotImplemented, TestVerdict.Failed).Status);
        Assert.Equal(ExerciseStatus.Failing, With(TestVerdict.Passed, TestVerdict.NotImplemented).Status);
        Assert.Equal(ExerciseStatus.Passing, With(TestVerdict.Passed, TestVerdict.Passed).Status);
        Assert.Equal(ExerciseStatus.NotMeasured, With(TestVerdict.Passed, TestVerdict.NotMeasured).Status);
        Assert.Equal(ExerciseStatus.Failing, With(TestVerdict.Failed, TestVerdict.NotMeasured).Status);
        Assert.Equal(ExerciseStatus.GraderError, With().Status);
        Assert.Equal(2, With(TestVerdict.Passed, TestVerdict.Failed).PointsEarned); // the sample's task judges no rule
        Assert.Equal(2, With(TestVerdict.Passed, TestVerdict.NotMeasured).PointsEarned); // not measured: nothing yet
    }

    [Fact]
    public void Rule_points_need_a_passing_test_in_each_task_the_rule_judges_and_no_finding_of_the_rule()
    {
        var exercise = Kit.Exercise("01-logistic-regression");
        var rule = exercise.Rules[0];
        var finding = new AnalyzerFinding(rule.Id, "uses autograd", "BinaryLogistic.cs", 3, 5, null);
        ExerciseResult With(TestVerdict verdict, params AnalyzerFinding[] findings) =>
            new(
                exercise,
                [.. exercise.Tasks.Select(t => new Host.TestResult(Sample with { Task = t.Id }, verdict, "", TimeSpan.Zero))],
                [],
                null,
                TimeSpan.Zero,
                findings
            );

        // Only the sigmoid written (the example): no point for gradients that do not exist yet.
        var sigmoidOnly = new ExerciseResult(
            exercise,
            [
                .. exercise.Tasks.Select(t => new Host.TestResult(
                    Sample with
                    {
                        Task = t.Id,
                    },
                    t.Id == "sigmoid" ? TestVerdict.Passed : TestVerdict.NotImplemented,
                    "",
                    TimeSpan.Zero
                )),
            ],
            [],
            null,
            TimeSpan.Zero
        );
        Assert.Equal(0, sigmoidOnly.Rules.Single(r => r.Rule.Id == "EK1001").PointsEarned);
        Assert.Equal(0, sigmoidOnly.Rules.Single(r => r.Rule.Id == "EK1002").PointsEarned); // binary-loss not done either

        Assert.Equal(rule.Points, With(TestVerdict.Passed).Rules.Single(r => r.Rule == rule).PointsEarned);
        Assert.Equal(0, With(TestVerdict.Passed, finding).Rules.Single(r => r.Rule == rule).PointsEarned);
        Assert.Equal(0, With(TestVerdict.NotImplemented).Rules.Sum(r => r.PointsEarned)); // an untouched stub breaks no rule, earns nothing
        Assert.All(With(TestVerdict.Passed, finding).Rules.Where(r => r.Rule != rule), r => Assert.Equal(r.Rule.Points, r.PointsEarned));
    }

    [Fact]
    public void Unknown_exercise_ids_are_refused_with_the_valid_ones()
    {
        var error = Assert.Throws<KitException>(() => Kit.Catalog.Select(["99-nope"]));
        Assert.Contains("99-nope", error.Message);
        Assert.Contains(Kit.Catalog.Exercises[0].Id, error.Message);
    }

    [Theory]
    [InlineData("{", "")]
    [InlineData(
        """{"id":"other","title":"t","editable":["A.cs"],"tasks":[{"id":"a","title":"A","points":1}]}""",
        "must equal its folder name"
    )]
    [InlineData("""{"id":"01-x","title":"t","editable":["A.cs"],"tasks":[{"id":"a","title":"A","points":0}]}""", "at least one point")]
    [InlineData("""{"id":"01-x","title":"t","editable":["A.cs"],"tasks":[{"id":"a","title":"A","points":1}],"pionts":3}""", "pionts")]
    [InlineData(
        """{"id":"01-x","title":"t","editable":[],"tasks":[{"id":"a","title":"A","points":1},{"id":"a","title":"B","points":1}]}""",
        "appears twice"
    )]
    public void Bad_metadata_is_refused_with_the_file_and_the_reason(string json, string reason)
    {
        var folder = Directory.CreateTempSubdirectory("ek-meta-");
        try
        {
            var path = Path.Combine(folder.FullName, "01-x", "exercise.json");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, json);

            var error = Assert.Throws<KitException>(() => ExerciseMetadata.Load(path));

            Assert.Contains(path, error.Message);
            Assert.Contains(reason, error.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}

public sealed class RestoreStampTests : IDisposable
{
    private readonly DirectoryInfo kit = Directory.CreateTempSubdirectory("ek-restore-");

    [Fact]
    public void A_restore_is_skipped_until_a_project_props_or_lock_file_changes()
    {
        var layout = new KitLayout(kit.FullName);
        var project = Path.Combine(Directory.CreateDirectory(Path.Combine(kit.FullName, "exercises", "01-x")).FullName, "X.csproj");
        File.WriteAllText(project, "<Project />");
        File.SetLastWriteTimeUtc(project, DateTime.UtcNow.AddMinutes(-5));
        Assert.False(RestoreStamp.IsCurrent(layout, "key", "A.Graders.csproj")); // never restored

        RestoreStamp.Record(layout, "key", "A.Graders.csproj");
        Assert.True(RestoreStamp.IsCurrent(layout, "key", "A.Graders.csproj"));
        Assert.False(RestoreStamp.IsCurrent(layout, "other-source", "A.Graders.csproj"));
        // Restoring one grader project restores only its own graph: another's output may still be stale.
        Assert.False(RestoreStamp.IsCurrent(layout, "key", "B.Graders.csproj"));

        File.WriteAllText(Path.Combine(kit.FullName, "exercises", "01-x", "Code.cs"), "// learner edit"); // .cs: no restore
        Assert.True(RestoreStamp.IsCurrent(layout, "key", "A.Graders.csproj"));

        File.SetLastWriteTimeUtc(project, DateTime.UtcNow.AddMinutes(1)); // a kit update
        Assert.False(RestoreStamp.IsCurrent(layout, "key", "A.Graders.csproj"));
    }

    public void Dispose() => kit.Delete(recursive: true);
}

public sealed class ProcessLimitTests
{
    [Fact]
    public async Task A_process_tree_over_its_memory_limit_is_stopped_and_says_so()
    {
        // `tail -n 1` keeps a newline-free line in memory: the child of the shell grows without bound.
        var outcome = await ProcessRunner.RunAsync(
            "/bin/sh",
            ["-c", "head -c 4000000000 /dev/zero | tail -n 1 > /dev/null"],
            TimeSpan.FromSeconds(60),
            cancellation: TestContext.Current.CancellationToken,
            limits: new ProcessLimits(MemoryBytes: 256L << 20)
        );

        Assert.True(
            outcome.MemoryExceeded,
            $"not stopped for memory (peak {outcome.PeakMemoryBytes >> 20} MB, {outcome.Elapsed.TotalSeconds:0.0} s)"
        );
        Assert.InRange(outcome.PeakMemoryBytes, 256L << 20, 4L << 30);
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Watched_processes_share_one_sampler_but_each_limit_counts_only_its_own_tree()
    {
        var limits = new ProcessLimits(MemoryBytes: 256L << 20);
        var cancellation = TestContext.Current.CancellationToken;
        var quiet = ProcessRunner.RunAsync(
            "/bin/sh",
            ["-c", "sleep 2"],
            TimeSpan.FromSeconds(60),
            cancellation: cancellation,
            limits: limits
        );
        var growing = ProcessRunner.RunAsync(
            "/bin/sh",
            ["-c", "head -c 4000000000 /dev/zero | tail -n 1 > /dev/null"],
            TimeSpan.FromSeconds(60),
            cancellation: cancellation,
            limits: limits
        );

        var (calm, grown) = (await quiet, await growing);
        Assert.True(grown.MemoryExceeded);
        Assert.False(calm.MemoryExceeded);
        Assert.InRange(calm.PeakMemoryBytes, 1, 64L << 20); // a shell and a sleep: seen, and nothing of the other tree
    }

    [Fact]
    public async Task A_process_over_its_output_limit_is_stopped_and_says_so()
    {
        var outcome = await ProcessRunner.RunAsync(
            "/bin/sh",
            ["-c", "yes 'a line of output that never ends'"],
            TimeSpan.FromSeconds(60),
            cancellation: TestContext.Current.CancellationToken,
            limits: new ProcessLimits(OutputChars: 1 << 20)
        );

        Assert.True(outcome.OutputExceeded);
        Assert.InRange(outcome.StandardOutput.Length, 1, 1 << 20);
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(30));
    }
}
