using ExerciseKit.Cli.Reports;
using ExerciseKit.Host;
using ExerciseKit.Host.Reports;

namespace ExerciseKit.Tests.Reports;

/// <summary>
/// A fixed grade covering every case a report must render: pass, fail, hidden fail, not measured, rule finding, build
/// failure.
/// </summary>
internal static class SampleGrade
{
    public const string Root = "/work/kit";

    public static GradeReport Create()
    {
        var logistic = Kit.Exercise("01-logistic-regression") with { ExerciseDirectory = Root + "/exercises/01-logistic-regression" };
        var dataset = Kit.Exercise("02-segmentation-dataset") with { ExerciseDirectory = Root + "/exercises/02-segmentation-dataset" };
        GraderTest Test(string method, string task, int points, Visibility visibility = Visibility.Public) =>
            new(method, $"ExerciseKit.Graders.Sample.{method}", task, points, visibility);

        Host.TestResult[] tests =
        [
            new(Test("Sigmoid_matches_torch", "sigmoid", 1), TestVerdict.Passed, "", TimeSpan.FromMilliseconds(125)),
            new(
                Test("Sigmoid_is_finite", "sigmoid", 2, Visibility.Hidden),
                TestVerdict.Failed,
                "Sigmoid(z) for z = [−1000, 1000]: non-finite values <secret input>",
                TimeSpan.FromMilliseconds(40)
            ),
            new(
                Test("Loss_matches_torch", "binary-loss", 2),
                TestVerdict.Failed,
                "Loss for n=16: It is n = 16 times too large.\n  expected [0.5]\n  got      [8]",
                TimeSpan.FromMilliseconds(12)
            ),
            new(
                Test("Training_takes_under_a_second", "training", 1),
                TestVerdict.NotMeasured,
                "not measured: Other programs kept the machine busy during all 7 tries. This counts neither way: close what else is running and grade again.",
                TimeSpan.FromMilliseconds(20000)
            ),
        ];
        AnalyzerFinding[] findings =
        [
            new(
                "EK1001",
                "'backward' uses autograd",
                Root + "/exercises/01-logistic-regression/BinaryLogistic.cs",
                16,
                9,
                "https://example.test/EK1001.md"
            ),
        ];
        var graded = new ExerciseResult(logistic, tests, [], null, TimeSpan.FromSeconds(2.5), findings);
        var broken = new ExerciseResult(
            dataset,
            [],
            [new BuildDiagnostic(Root + "/exercises/02-segmentation-dataset/SegmentationFolder.cs", 12, 5, "CS1002", "; expected")],
            null,
            TimeSpan.FromSeconds(1.5)
        );
        return new GradeReport(
            "your code in exercises/",
            [graded, broken],
            Root,
            new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero)
        );
    }
}
