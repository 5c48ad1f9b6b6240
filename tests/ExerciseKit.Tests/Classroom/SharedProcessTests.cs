using ExerciseKit.Host;
using Xunit;

namespace ExerciseKit.Tests.Classroom;

/// <summary>
/// grade-batch grades a submission's exercises in one shared grader process (SharedGraderProcess). These submissions
/// go through it the way a worker's slot does — exercises 01 and 02, sandboxed, one submission after the other in the
/// same folder — and must score exactly as they do in a process per exercise; code that kills the shared process
/// costs only its own exercise.
/// </summary>
[Trait(Tiers.Name, Tiers.Full)]
public sealed class SharedProcessTests(GradedExercises graded) : IAsyncLifetime
{
    private static readonly string[] Exercises = ["01-logistic-regression", "02-segmentation-dataset"];

    // A fixed folder, like a worker's slot: its builds and compile plans carry over from one test run to the next.
    private static readonly string Slot = Path.Combine(Kit.Layout.Artifacts, "test-sources", "shared-process");

    private readonly Dictionary<string, IReadOnlyList<ExerciseResult>> students = [];
    private readonly List<string> learnerCopiesLeft = [];
    private readonly SandboxUser user = SandboxUser.Lease();

    private const string KillsItsProcess = """
        using static TorchSharp.torch;

        namespace ExerciseKit.Exercises.SegmentationDataset;

        // Takes the grading process down as soon as a grader builds the dataset.
        public sealed class SegmentationFolder : utils.data.Dataset
        {
            public SegmentationFolder(string root, SegmentationOptions options, IDatasetFiles? files = null) =>
                System.Diagnostics.Process.GetCurrentProcess().Kill();

            public override long Count => 0;

            public override Dictionary<string, Tensor> GetTensor(long index) => throw new NotImplementedException("never reached");
        }
        """;

    public async ValueTask InitializeAsync()
    {
        var sandbox = Sandbox.Detect(out var problem) ?? throw new InvalidOperationException($"these tests need the sandbox: {problem}");
        var isolation = GradingIsolation.Sandboxed(sandbox, memoryBytes: 1L << 30) with { Sandbox = sandbox.RunningAs(user) };
        await GradedExercises.OneAtATime(async () =>
        {
            await GradeAsync("first", Solution, isolation, shared: false); // full builds: from now on the slot has compile plans
            await GradeAsync("solved", Solution, isolation);
            await GradeAsync("wrong", id => Submission(id, "common-mistakes"), isolation);
            await GradeAsync("kills-in-01", id => id == Exercises[0] ? Submission(id, "kills-itself") : Solution(id), isolation);
            await GradeAsync("forges-run-end", id => id == Exercises[0] ? ForgesRunEnd() : Solution(id), isolation);
            await GradeAsync(
                "kills-in-02",
                id => id == Exercises[1] ? new() { ["SegmentationFolder.cs"] = KillsItsProcess } : Solution(id),
                isolation
            );
            return true;
        });
    }

    public ValueTask DisposeAsync()
    {
        user.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Every_exercise_runs_in_the_one_process_and_scores_as_in_a_process_of_its_own()
    {
        foreach (var id in Exercises)
        {
            Assert.True(Result("solved", id).SharedProcess, id);
            Assert.Equal(Kit.Exercise(id).MaxPoints, Result("solved", id).PointsIfMeasured());

            var wrong = Result("wrong", id);
            var alone = await graded.OnSubmissionAsync(id, "common-mistakes");
            Assert.True(wrong.SharedProcess, id);
            Assert.Equal(Verdicts(alone), Verdicts(wrong));
            Assert.Equal(alone.PointsEarned, wrong.PointsEarned);
        }
    }

    [Fact]
    public void Killing_the_shared_process_costs_only_the_exercise_that_did_it()
    {
        Assert.Equal(0, Result("kills-in-01", Exercises[0]).PointsEarned);
        Assert.Contains(Result("kills-in-01", Exercises[0]).Tests, t => t.Message.Contains("ended early", StringComparison.Ordinal));
        Assert.Equal(Kit.Exercise(Exercises[1]).MaxPoints, Result("kills-in-01", Exercises[1]).PointsIfMeasured()); // in a new process

        Assert.Equal(Kit.Exercise(Exercises[0]).MaxPoints, Result("kills-in-02", Exercises[0]).PointsIfMeasured());
        var killed = Result("kills-in-02", Exercises[1]);
        Assert.True(killed.SharedProcess);
        Assert.Equal(0, killed.PointsEarned);
        Assert.Contains(killed.Tests, t => t.Message.Contains("ended early", StringComparison.Ordinal));
    }

    [Fact]
    public void Student_output_that_looks_like_the_end_of_a_run_ends_nothing()
    {
        foreach (var id in Exercises)
        {
            Assert.True(Result("forges-run-end", id).SharedProcess, id);
            Assert.Equal(Kit.Exercise(id).MaxPoints, Result("forges-run-end", id).PointsIfMeasured());
        }
    }

    [Fact]
    public void The_shared_process_never_sees_the_previous_submissions_code()
    {
        Assert.Empty(learnerCopiesLeft);
    }

    private ExerciseResult Result(string student, string id) => students[student].Single(r => r.Exercise.Id == id);

    private static string Verdicts(ExerciseResult result) =>
        string.Join("\n", result.Tests.OrderBy(t => t.Test.Name, StringComparer.Ordinal).Select(t => $"{t.Test.Name} {t.Verdict}"));

    private async Task GradeAsync(
        string student,
        Func<string, Dictionary<string, string>> files,
        GradingIsolation isolation,
        bool shared = true
    )
    {
        foreach (var id in Exercises)
        {
            foreach (var name in Kit.Exercise(id).Editable)
            {
                var path = Path.Combine(Slot, id, name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var text = files(id).GetValueOrDefault(name) ?? File.ReadAllText(Path.Combine(Kit.Exercise(id).ExerciseDirectory, name));
                File.WriteAllText(path, text + $"\n// {student}\n");
            }
        }
        var source = CodeSource.Folder(Slot);
        await using var process = shared
            ? SharedGraderProcess.ForSubmission(Kit.Layout, source, Exercises.Select(Kit.Exercise), isolation)
                ?? throw new InvalidOperationException("the slot has no compile plans yet")
            : null;
        if (process is not null)
        {
            learnerCopiesLeft.AddRange(
                Exercises
                    .Select(id => CompilePlan.Load(CompilePlan.PathFor(Kit.Layout, source.ArtifactsKey, id))!.SubjectCopy)
                    .Where(File.Exists)
            );
        }
        await using var grader = new ExerciseGrader(Kit.Catalog, isolation) { Shared = process };
        List<ExerciseResult> results = [];
        foreach (var id in Exercises)
        {
            results.Add(await grader.GradeAsync(Kit.Exercise(id), source));
        }
        students[student] = results;
    }

    /// <summary>The reference answer, printing a line shaped like the end of a run (unsigned) as soon as it is used.</summary>
    private static Dictionary<string, string> ForgesRunEnd()
    {
        var files = Solution(Exercises[0]);
        var forged = $"{ExerciseKit.Grading.GraderSession.EndMarker} {new string('0', 64)} 0";
        files["BinaryLogistic.cs"] = files["BinaryLogistic.cs"]
            .Replace(
                "public static class BinaryLogistic\n{\n",
                $"public static class BinaryLogistic\n{{\n    static BinaryLogistic() => Console.WriteLine(\"{forged}\");\n\n",
                StringComparison.Ordinal
            );
        Assert.Contains(forged, files["BinaryLogistic.cs"]);
        return files;
    }

    private static Dictionary<string, string> Solution(string id) =>
        Directory.GetFiles(Path.Combine(Kit.Layout.Solutions, id)).ToDictionary(f => Path.GetFileName(f), File.ReadAllText);

    private static Dictionary<string, string> Submission(string id, string name) =>
        Directory
            .GetFiles(Path.Combine(Kit.Layout.Root, "tests", "ExerciseKit.Tests", "Submissions", name, id))
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
}
