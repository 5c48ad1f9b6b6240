using ExerciseKit.Cli;
using ExerciseKit.Host;
using Snapshooter.Xunit3;
using Xunit;

namespace ExerciseKit.Tests;

public sealed class ConsoleReportTests
{
    private static GraderTest Test(string method, string task, int points, Visibility visibility = Visibility.Public) =>
        new(method, $"ExerciseKit.Graders.Sample.Graders.{method}", task, points, visibility);

    [Fact]
    public void A_partly_solved_exercise_shows_points_per_task_and_each_distinct_message_once()
    {
        var exercise = Kit.Exercise("01-logistic-regression");
        Host.TestResult[] tests =
        [
            new(Test("Sigmoid_matches_torch", "sigmoid", 1), TestVerdict.Passed, "", TimeSpan.Zero),
            new(Test("Sigmoid_is_finite", "sigmoid", 2, Visibility.Hidden), TestVerdict.Passed, "", TimeSpan.Zero),
            new(
                Test("Loss_matches_torch", "binary-loss", 2),
                TestVerdict.Failed,
                "Loss for n=16: It is n = 16 times too large.\n  expected [0.5]\n  got      [8]",
                TimeSpan.Zero
            ),
            new(
                Test("Gradient_matches_autograd", "binary-gradient", 3),
                TestVerdict.NotImplemented,
                "not implemented yet: Return dLoss/dw.",
                TimeSpan.Zero
            ),
            new(
                Test("Gradient_is_finite", "binary-gradient", 2, Visibility.Hidden),
                TestVerdict.NotImplemented,
                "not implemented yet: Return dLoss/dw.",
                TimeSpan.Zero
            ),
        ];
        var result = new ExerciseResult(exercise, tests, [], null, TimeSpan.FromSeconds(1.25));
        var output = new StringWriter();

        ConsoleReport.WriteExercise(output, result, Kit.Layout);
        ConsoleReport.WriteTotals(output, [result]);

        output.ToString().Split(Environment.NewLine).MatchSnapshot();
    }

    [Fact]
    public void Build_errors_are_shown_as_the_compiler_wrote_them_relative_to_the_kit()
    {
        var exercise = Kit.Exercise("01-logistic-regression");
        var file = Path.Combine(exercise.ExerciseDirectory, "BinaryLogistic.cs");
        var result = new ExerciseResult(exercise, [], [new BuildDiagnostic(file, 12, 5, "CS1002", "; expected")], null, TimeSpan.Zero);
        var output = new StringWriter();

        ConsoleReport.WriteExercise(output, result, Kit.Layout);

        Assert.Contains($"does not build · 0/{exercise.MaxPoints} points", output.ToString());
        Assert.Contains("exercises/01-logistic-regression/BinaryLogistic.cs(12,5): CS1002: ; expected", output.ToString());
    }

    [Fact]
    public async Task An_unknown_exercise_exits_2_and_lists_the_valid_ids()
    {
        var error = new StringWriter();

        var code = await CheckCommand.RunAsync(["42-nope"], "exercises", TextWriter.Null, error, CancellationToken.None);

        Assert.Equal(ExitCode.UsageError, code);

        Assert.Contains("Unknown exercise 42-nope", error.ToString());
        Assert.Contains("01-logistic-regression", error.ToString());
    }
}
