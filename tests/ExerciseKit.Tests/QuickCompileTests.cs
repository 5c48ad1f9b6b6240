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

    /// <summary>
    /// The judge cannot load the learner's assembly: it is not among the grader's files, nor in its dependency list. It
    /// lies only beside the subject, which runs it.
    /// </summary>
    [Theory, MemberData(nameof(Kit.ExerciseIds), MemberType = typeof(Kit))]
    public async Task The_grader_process_has_no_way_to_load_the_learners_assembly(string id)
    {
        var solved = await graded.OnSolutionAsync(id);
        Assert.Contains(solved.Status, new[] { ExerciseStatus.Passing, ExerciseStatus.NotMeasured });
        var plan = CompilePlan.Load(CompilePlan.PathFor(Kit.Layout, CodeSource.Solutions.ArtifactsKey, id));
        Assert.NotNull(plan);

        var graderFolder = Path.GetDirectoryName(plan.GraderAssembly)!;
        Assert.False(File.Exists(Path.Combine(graderFolder, plan.LearnerAssemblyName + ".dll")));
        Assert.DoesNotContain(plan.LearnerAssemblyName + "/", File.ReadAllText(Path.ChangeExtension(plan.GraderAssembly, ".deps.json")));
        Assert.True(File.Exists(plan.SubjectCopy));
    }

    /// <summary>A judge started ahead of its grade warms up, waits for its line, then grades the code that is there by then.</summary>
    [Fact]
    public async Task A_warm_judge_grades_after_its_line_arrives()
    {
        var solved = await graded.OnSolutionAsync(Exercise);
        var plan = CompilePlan.Load(CompilePlan.PathFor(Kit.Layout, CodeSource.Solutions.ArtifactsKey, Exercise));
        Assert.NotNull(plan);
        var limits = Kit.Exercise(Exercise).TimeLimits;

        await using var warm = await GraderRun.StartWarmAsync(plan.GraderAssembly, limits);
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.True(warm.IsWaiting);
        var tests = await GraderRun.RunAsync(plan.GraderAssembly, limits, TestContext.Current.CancellationToken, warm: warm);

        Assert.Equal(solved.Tests.Count, tests.Count);
        Assert.All(tests, t => Assert.Contains(t.Verdict, new[] { TestVerdict.Passed, TestVerdict.NotMeasured }));
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
