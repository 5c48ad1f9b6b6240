using ExerciseKit.Cli;
using ExerciseKit.Host;
using Xunit;

namespace ExerciseKit.Tests;

public sealed class WatchCommandTests
{
    private static GraderTest Test(string method, string task, Visibility visibility = Visibility.Public) =>
        new(method, $"ExerciseKit.Graders.Sample.{method}", task, 1, visibility);

    [Fact]
    public void The_next_check_is_the_first_failing_public_one_in_task_order()
    {
        var exercise = Kit.Exercise("01-logistic-regression");
        Host.TestResult[] tests =
        [
            new(Test("Training_fails", "training"), TestVerdict.Failed, "training message", TimeSpan.Zero),
            new(Test("Hidden_sigmoid_fails", "sigmoid", Visibility.Hidden), TestVerdict.Failed, "hidden message", TimeSpan.Zero),
            new(Test("Loss_fails", "binary-loss"), TestVerdict.Failed, "loss message\nsecond line", TimeSpan.Zero),
            new(Test("Sigmoid_passes", "sigmoid"), TestVerdict.Passed, "", TimeSpan.Zero),
        ];
        var output = new StringWriter();

        WatchCommand.WriteNext(output, new ExerciseResult(exercise, tests, [], null, TimeSpan.Zero));

        Assert.Equal("Next: Loss fails — loss message" + Environment.NewLine, output.ToString());
    }

    [Fact]
    public void A_failing_hidden_check_is_named_without_its_message()
    {
        var exercise = Kit.Exercise("01-logistic-regression");
        Host.TestResult[] tests =
        [
            new(Test("Hidden_sigmoid_fails", "sigmoid", Visibility.Hidden), TestVerdict.Failed, "expected 0.73 at z = 1", TimeSpan.Zero),
        ];
        var output = new StringWriter();

        WatchCommand.WriteNext(output, new ExerciseResult(exercise, tests, [], null, TimeSpan.Zero));

        Assert.DoesNotContain("0.73", output.ToString());
        Assert.Contains(Host.TestResult.HiddenFailure, output.ToString());
    }

    [Fact]
    public void Without_an_id_watch_picks_the_first_exercise_not_yet_passing()
    {
        var state = new LearnerState();
        var first = Kit.Catalog.Exercises[0];
        state.LastGrades[first.Id] = new SavedGrade(ExerciseStatus.Passing, first.MaxPoints, first.MaxPoints, DateTimeOffset.UnixEpoch, "");

        Assert.Equal(Kit.Catalog.Exercises[1].Id, WatchCommand.FirstUnfinished(Kit.Catalog, state).Id);
        Assert.Equal(first.Id, WatchCommand.FirstUnfinished(Kit.Catalog, new LearnerState()).Id);
    }
}
