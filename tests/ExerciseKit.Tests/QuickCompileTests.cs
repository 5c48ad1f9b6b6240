using ExerciseKit.Host;
using Xunit;

namespace ExerciseKit.Tests;

/// <summary>
/// The warm path recompiles only the learner's project. It must never grade stale code, must report compile errors
/// like a full build, and must give way to a full build whenever anything else changed.
/// </summary>
public sealed class QuickCompileTests
{
    private const string Exercise = "04-threads-vs-processes"; // no TorchSharp: quick to build

    [Fact]
    public async Task Edits_to_the_learners_files_are_graded_by_recompiling_only_them_and_never_stale()
    {
        var root = Path.Combine(Kit.Layout.Artifacts, "test-sources", "quick-compile");
        var folder = Path.Combine(root, Exercise);
        Directory.CreateDirectory(folder);
        var exercise = Kit.Exercise(Exercise);
        foreach (var file in exercise.Editable)
        {
            File.Copy(Path.Combine(Kit.Layout.Exercises, Exercise, file), Path.Combine(folder, file), overwrite: true);
        }
        var frames = Path.Combine(folder, "FrameFormat.cs");
        var source = CodeSource.Folder(root);

        var stub = await GradeAsync(source);
        Assert.Equal(ExerciseStatus.Unsolved, stub.Status);

        File.Copy(Path.Combine(Kit.Layout.Solutions, Exercise, "FrameFormat.cs"), frames, overwrite: true);
        var solved = await GradeAsync(source);
        Assert.Equal(BuildKind.Quick, solved.Build);
        Assert.All(solved.Tests.Where(t => t.Test.Task == "frames"), t => Assert.Equal(TestVerdict.Passed, t.Verdict));

        File.AppendAllText(frames, "\nthis is not C#\n");
        var broken = await GradeAsync(source);
        Assert.Equal(BuildKind.Quick, broken.Build);
        Assert.Equal(ExerciseStatus.BuildFailed, broken.Status);
        Assert.Contains(broken.BuildErrors, e => e.File.EndsWith("FrameFormat.cs", StringComparison.Ordinal) && e.Line > 0);

        // A new public member changes the surface the graders were compiled against: only a full build may grade it.
        var solution = File.ReadAllText(Path.Combine(Kit.Layout.Solutions, Exercise, "FrameFormat.cs"));
        var lastBrace = solution.LastIndexOf('}');
        File.WriteAllText(frames, solution[..lastBrace] + "    public static int Extra() => 1;\n}\n");
        var widened = await GradeAsync(source);
        Assert.Equal(BuildKind.Full, widened.Build);
        Assert.All(widened.Tests.Where(t => t.Test.Task == "frames"), t => Assert.Equal(TestVerdict.Passed, t.Verdict));
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

    private static Task<ExerciseResult> GradeAsync(CodeSource source) =>
        GradedExercises.OneAtATime(() =>
            new ExerciseGrader(Kit.Catalog).GradeAsync(Kit.Exercise(Exercise), source, TestContext.Current.CancellationToken)
        );

    private static void Write(KitLayout layout, string path, string text)
    {
        var full = Path.Combine(layout.Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }
}
