using ExerciseKit.Grading;
using ExerciseKit.Host;
using Xunit;

namespace ExerciseKit.Tests;

/// <summary>
/// The warm path recompiles only the learner's project. It must never grade stale code, must report compile errors
/// like a full build, and must give way to a full build whenever anything else changed.
/// </summary>
[Trait(Tiers.Name, Tiers.Full)]
public sealed class QuickCompileTests(GradedExercises graded)
{
    private const string Exercise = "04-threads-vs-processes"; // no TorchSharp: quick to build

    [Fact]
    public Task Edits_to_the_learners_files_are_graded_by_recompiling_only_them_and_never_stale() =>
        GradeEditsAsync("quick-compile", keepWarm: false);

    /// <summary>As `watch` grades: the next grade's grader process is started right after each grade, before the edit.</summary>
    [Fact]
    public Task A_grader_kept_warm_between_grades_grades_each_edit_never_the_previous_build() =>
        GradeEditsAsync("quick-compile", keepWarm: true);

    [Fact]
    public async Task A_warm_grader_that_loaded_the_learners_code_before_its_key_is_replaced_by_a_cold_run()
    {
        var source = CodeSource.Folder(CopyStubs("quick-compile"));
        var first = await GradeAsync(new ExerciseGrader(Kit.Catalog), source);
        Assert.Equal(ExerciseStatus.Unsolved, first.Status);
        var plan = CompilePlan.Load(CompilePlan.PathFor(Kit.Layout, source.ArtifactsKey, Exercise));
        Assert.NotNull(plan);

        // xunit's own core is always loaded by then: the framework must refuse such a run as stale…
        var verdicts = Path.Combine(Directory.CreateTempSubdirectory("exercisekit-stale-").FullName, "verdicts.txt");
        await ProcessRunner.RunAsync(
            "dotnet",
            [plan.GraderAssembly, "-noLogo"],
            TimeSpan.FromMinutes(1),
            standardInput: "00\n",
            environment: new Dictionary<string, string>
            {
                [SigningTestFramework.FileVariable] = verdicts,
                [SigningTestFramework.NotYetLoadedVariable] = "xunit.v3.core",
            },
            cancellation: TestContext.Current.CancellationToken
        );
        Assert.Equal([SigningTestFramework.StaleMarker], File.ReadAllLines(verdicts));
        Directory.Delete(Path.GetDirectoryName(verdicts)!, recursive: true);

        // …and the host, given it, grades with a cold run instead.
        var limits = Kit.Exercise(Exercise).TimeLimits;
        await using var warm = await GraderRun.StartWarmAsync(plan.GraderAssembly, "xunit.v3.core", limits);
        var tests = await GraderRun.RunAsync(plan.GraderAssembly, limits, TestContext.Current.CancellationToken, warm: warm);

        Assert.Equal(first.Tests.Count, tests.Count);
        Assert.All(tests, t => Assert.Equal(TestVerdict.NotImplemented, t.Verdict));
    }

    [Theory]
    [InlineData("04-threads-vs-processes", "common-mistakes")] // EK4001, EK4002, EK4004
    [InlineData("01-logistic-regression", "hides-autograd")] // EK1001 under #pragma warning disable: still counted
    public async Task A_quick_compile_finds_what_the_full_build_found(string id, string submission)
    {
        var source = CodeSource.Folder(Path.Combine(Kit.Layout.Root, "tests", "ExerciseKit.Tests", "Submissions", submission));
        var full = await graded.OnSubmissionAsync(id, submission);
        Assert.NotEmpty(full.Findings ?? []);
        var plan = CompilePlan.Load(CompilePlan.PathFor(Kit.Layout, source.ArtifactsKey, id));
        Assert.NotNull(plan);
        var log = Path.Combine(Kit.Layout.Artifacts, "analyzer-logs", source.ArtifactsKey, id + ".sarif");
        File.Delete(log);

        var build = await QuickCompile.RunAsync(plan, TestContext.Current.CancellationToken);

        Assert.True(build?.Succeeded);
        Assert.Equal(BuildKind.Quick, build!.Kind);
        Assert.Equal(full.Findings, AnalyzerFindings.Read(log, Kit.Exercise(id)));
    }

    [Theory, MemberData(nameof(Kit.ExerciseIds), MemberType = typeof(Kit))]
    public async Task A_graders_warm_up_before_its_key_loads_no_learner_code(string id)
    {
        var solved = await graded.OnSolutionAsync(id);
        Assert.Contains(solved.Status, new[] { ExerciseStatus.Passing, ExerciseStatus.NotMeasured });
        var plan = CompilePlan.Load(CompilePlan.PathFor(Kit.Layout, CodeSource.Solutions.ArtifactsKey, id));
        Assert.NotNull(plan);

        // The framework warms up (xunit's pipeline with tests of its own, libtorch for TorchSharp graders) before it
        // reads the key, then checks the learner's assembly is still unloaded: a warm-up that touched learner code
        // would make every warm start stale.
        var key = new byte[32];
        var verdicts = Path.Combine(Directory.CreateTempSubdirectory("exercisekit-warm-up-").FullName, "verdicts.txt");
        try
        {
            await ProcessRunner.RunAsync(
                "dotnet",
                [plan.GraderAssembly, "-noLogo", "-result-xml", Path.Combine(Path.GetDirectoryName(verdicts)!, "results.xml")],
                TimeSpan.FromMinutes(2),
                standardInput: Convert.ToHexString(key) + "\n",
                environment: new Dictionary<string, string>
                {
                    [SigningTestFramework.FileVariable] = verdicts,
                    [SigningTestFramework.NotYetLoadedVariable] = plan.LearnerAssemblyName,
                },
                cancellation: TestContext.Current.CancellationToken
            );
            var signatures = File.ReadAllLines(verdicts);
            Assert.DoesNotContain(SigningTestFramework.StaleMarker, signatures);
            // Every grader signed, and no warm-up test among them; a speed-up this busy machine could not measure is unsigned.
            var unmeasured = XunitOutput
                .ParseResults(File.ReadAllText(Path.Combine(Path.GetDirectoryName(verdicts)!, "results.xml")))
                .Values.Count(o => o.ExceptionType == typeof(NotMeasuredException).FullName);
            Assert.Equal(solved.Tests.Count - unmeasured, signatures.Length);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(verdicts)!, recursive: true);
        }
    }

    private static async Task GradeEditsAsync(string name, bool keepWarm)
    {
        var root = CopyStubs(name);
        var frames = Path.Combine(root, Exercise, "FrameFormat.cs");
        var source = CodeSource.Folder(root);
        // Kept warm as `watch` does.
        await using var grader = new ExerciseGrader(Kit.Catalog) { KeepWarm = keepWarm };

        var stub = await GradeAsync(grader, source);
        Assert.Equal(ExerciseStatus.Unsolved, stub.Status);

        File.Copy(Path.Combine(Kit.Layout.Solutions, Exercise, "FrameFormat.cs"), frames, overwrite: true);
        var solved = await GradeAsync(grader, source);
        Assert.Equal(BuildKind.Quick, solved.Build);
        Assert.All(solved.Tests.Where(t => t.Test.Task == "frames"), t => Assert.Equal(TestVerdict.Passed, t.Verdict));

        File.AppendAllText(frames, "\nthis is not C#\n");
        var broken = await GradeAsync(grader, source);
        Assert.Equal(BuildKind.Quick, broken.Build);
        Assert.Equal(ExerciseStatus.BuildFailed, broken.Status);
        Assert.Contains(broken.BuildErrors, e => e.File.EndsWith("FrameFormat.cs", StringComparison.Ordinal) && e.Line > 0);

        // A new public member changes the surface the graders were compiled against: only a full build may grade it.
        var solution = File.ReadAllText(Path.Combine(Kit.Layout.Solutions, Exercise, "FrameFormat.cs"));
        var lastBrace = solution.LastIndexOf('}');
        File.WriteAllText(frames, solution[..lastBrace] + "    public static int Extra() => 1;\n}\n");
        var widened = await GradeAsync(grader, source);
        Assert.Equal(BuildKind.Full, widened.Build);
        Assert.All(widened.Tests.Where(t => t.Test.Task == "frames"), t => Assert.Equal(TestVerdict.Passed, t.Verdict));

        // Back to the stub, with the same public surface, after the full build: quick again, and graded as the stub.
        var stubText = File.ReadAllText(Path.Combine(Kit.Layout.Exercises, Exercise, "FrameFormat.cs"));
        File.WriteAllText(frames, stubText[..stubText.LastIndexOf('}')] + "    public static int Extra() => 1;\n}\n");
        var undone = await GradeAsync(grader, source);
        Assert.Equal(BuildKind.Quick, undone.Build);
        Assert.All(undone.Tests.Where(t => t.Test.Task == "frames"), t => Assert.Equal(TestVerdict.NotImplemented, t.Verdict));
    }

    /// <summary>A code-source folder holding the stubs of the exercise's editable files (one folder for the whole class: its tests run one after another and share its warm builds).</summary>
    private static string CopyStubs(string name)
    {
        var root = Path.Combine(Kit.Layout.Artifacts, "test-sources", name);
        var folder = Path.Combine(root, Exercise);
        Directory.CreateDirectory(folder);
        foreach (var file in Kit.Exercise(Exercise).Editable)
        {
            File.Copy(Path.Combine(Kit.Layout.Exercises, Exercise, file), Path.Combine(folder, file), overwrite: true);
        }
        return root;
    }

    [Fact]
    public void The_fingerprint_ignores_the_learners_edits_but_not_new_files_or_kit_changes()
    {
        var kit = Directory.CreateTempSubdirectory("exercisekit-fingerprint-");
        try
        {
            var layout = new KitLayout(kit.FullName);
            Write(layout, "global.json", "{}");
            Write(layout, "exercises/01-x/exercise.json", "{}");
            Write(layout, "exercises/01-x/Learner.cs", "class Learner {}");
            Write(layout, "exercises/01-x/Given.cs", "class Given {}");
            Write(layout, "graders/01-x/Graders.cs", "class Graders {}");
            var exercise = new ExerciseMetadata
            {
                Id = "01-x",
                Title = "x",
                Editable = ["Learner.cs"],
                Tasks = [],
                ExerciseDirectory = Path.Combine(layout.Exercises, "01-x"),
            };
            string Fingerprint() => KitInputs.Fingerprint(layout, exercise, CodeSource.Learner);
            var first = Fingerprint();

            Write(layout, "exercises/01-x/Learner.cs", "class Learner { int edited; }");
            Assert.Equal(first, Fingerprint());

            Write(layout, "graders/01-x/Graders.cs", "class Graders { int changed; }");
            var graderChanged = Fingerprint();
            Assert.NotEqual(first, graderChanged);

            Write(layout, "exercises/01-x/Given.cs", "class Given { int changed; }");
            var givenChanged = Fingerprint();
            Assert.NotEqual(graderChanged, givenChanged);

            Write(layout, "exercises/01-x/Helper.cs", "class Helper {}");
            Assert.NotEqual(givenChanged, Fingerprint());
        }
        finally
        {
            kit.Delete(recursive: true);
        }
    }

    private static Task<ExerciseResult> GradeAsync(ExerciseGrader grader, CodeSource source) =>
        GradedExercises.OneAtATime(() => grader.GradeAsync(Kit.Exercise(Exercise), source, TestContext.Current.CancellationToken));

    private static void Write(KitLayout layout, string path, string text)
    {
        var full = Path.Combine(layout.Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }
}
