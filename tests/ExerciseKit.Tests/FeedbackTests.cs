using ExerciseKit.Host;
using Xunit;

namespace ExerciseKit.Tests;

/// <summary>Wrong answers must get feedback that names the mistake, not just "not equal".</summary>
[Trait(Tiers.Name, Tiers.Full)]
public sealed class FeedbackTests(GradedExercises graded)
{
    private const string Exercise = "01-logistic-regression";

    [Theory]
    [InlineData("BinaryLossGraders.Loss_is_finite_and_correct_for_logits_of_plus_minus_1000", "non-finite values")]
    [InlineData("BinaryLossGraders.Loss_is_finite_and_correct_for_logits_of_plus_minus_1000", "numerically stable form")]
    [InlineData("BinaryGradientGraders.Gradient_matches_autograd", "The sign is flipped")]
    [InlineData("BinaryGradientGraders.Gradient_agrees_with_finite_differences_of_your_loss", "opposite sign of the slope")]
    [InlineData("SoftmaxGraders.Softmax_normalises_each_row", "You normalised each column (axis 0)")]
    [InlineData("SoftmaxGraders.Loss_matches_torch_cross_entropy", "times too large: the loss is the mean over samples")]
    [InlineData("SoftmaxGraders.Gradient_matches_autograd", "times too large: the loss is a mean, so its gradient carries a factor 1/n")]
    [InlineData("TrainingGraders.Training_takes_exactly_the_requested_gradient_steps", "One step too many")]
    public async Task A_common_mistake_is_named_in_the_feedback(string test, string expected)
    {
        var result = await graded.OnSubmissionAsync(Exercise, "common-mistakes");

        var outcome = Assert.Single(result.Tests, t => t.Test.Name.EndsWith("." + test, StringComparison.Ordinal));
        Assert.Equal(TestVerdict.Failed, outcome.Verdict);
        Assert.Contains(expected, outcome.Message);
    }

    [Theory]
    [InlineData(
        "02-segmentation-dataset",
        "common-mistakes",
        "PairingGraders.Items_come_in_natural_order_of_their_names",
        "That is ordinal string order"
    )]
    [InlineData(
        "02-segmentation-dataset",
        "common-mistakes",
        "DecodingGraders.An_rgb_png_becomes_float32_channels_first_scaled_to_0_1",
        "permute(2, 0, 1) puts channels first"
    )]
    [InlineData(
        "02-segmentation-dataset",
        "common-mistakes",
        "LazinessGraders.The_constructor_and_Count_open_no_file",
        "Creating the dataset and reading Count opened 6 file(s)"
    )]
    [InlineData(
        "02-segmentation-dataset",
        "common-mistakes",
        "FlipGraders.Random_flips_follow_the_seed_and_keep_image_and_mask_aligned",
        "the image was flipped but the mask was not"
    )]
    [InlineData(
        "03-segmentation-forward",
        "common-mistakes",
        "ShapeGraders.Output_is_raw_logits_not_probabilities",
        "forward applies softmax"
    )]
    [InlineData(
        "03-segmentation-forward",
        "common-mistakes",
        "WiringGraders.Each_convolution_feeds_its_BatchNorm_then_ReLU_once_per_forward",
        "ReLU before BatchNorm would normalise"
    )]
    [InlineData(
        "03-segmentation-forward",
        "creates-modules",
        "WiringGraders.Every_parameter_receives_a_gradient",
        "No gradient reached head.weight, head.bias"
    )]
    [InlineData(
        "03-segmentation-forward",
        "creates-modules",
        "BatchNormGraders.Eval_is_deterministic_and_per_image_while_training_uses_batch_statistics",
        "new modules"
    )]
    public async Task A_segmentation_mistake_is_named_in_the_feedback(string exercise, string submission, string test, string expected)
    {
        var result = await graded.OnSubmissionAsync(exercise, submission);

        var outcome = Assert.Single(result.Tests, t => t.Test.Name.EndsWith("." + test, StringComparison.Ordinal));
        Assert.Equal(TestVerdict.Failed, outcome.Verdict);
        Assert.Contains(expected, outcome.Message);
    }

    [Theory]
    [InlineData(
        "ThreadedBackpressureGraders.A_slow_consumer_bounds_how_far_the_workers_run_ahead",
        "An unbounded queue lets a fast loader fill memory"
    )]
    [InlineData("ThreadedOrderGraders.Every_batch_arrives_once_and_in_order_for_1_2_and_4_workers", "but the sequence never ended")]
    [InlineData("ThreadedFaultGraders.A_failing_load_reaches_the_consumer_after_the_batches_before_it", "the consumer was never told")]
    // Its workers never stop when the consumer leaves: failed however fast the machine finishes the epoch.
    [InlineData(
        "ThreadedStopGraders.Leaving_the_loop_early_stops_every_worker",
        "After the consumer left the loop after 2 batches (before disposing the loader)"
    )]
    [InlineData("ProcessStreamGraders.Batches_of_a_megabyte_do_not_deadlock_the_pipe", "Calling WaitForExit() before reading stdout")]
    [InlineData("ProcessFaultGraders.A_worker_that_exits_or_crashes_becomes_WorkerFailedException", "StandardError holds \"\"")]
    public async Task A_loading_stage_mistake_is_named_in_the_feedback(string test, string expected)
    {
        var result = await graded.OnSubmissionAsync("04-threads-vs-processes", "common-mistakes");

        var outcome = Assert.Single(result.Tests, t => t.Test.Name.EndsWith("." + test, StringComparison.Ordinal));
        Assert.Equal(TestVerdict.Failed, outcome.Verdict);
        Assert.Contains(expected, outcome.Message);
    }

    [Theory]
    [InlineData("EK4001", "ProcessLoader.cs")] // WaitForExit() before reading stdout
    [InlineData("EK4002", "ProcessLoader.cs")] // the Process kept in a field that DisposeAsync never disposes
    [InlineData("EK4004", "ThreadedLoader.cs")] // Channel.CreateUnbounded
    public async Task A_loading_stage_mistake_costs_its_rule_point_and_says_where(string rule, string file)
    {
        var result = await graded.OnSubmissionAsync("04-threads-vs-processes", "common-mistakes");

        var outcome = Assert.Single(result.Rules, r => r.Rule.Id == rule);
        Assert.Equal(0, outcome.PointsEarned);
        Assert.Contains(outcome.Findings, f => f.File.EndsWith(file, StringComparison.Ordinal) && f.Line > 0);
    }

    [Fact]
    public async Task A_gradient_taken_from_autograd_earns_no_gradient_points()
    {
        var result = await graded.OnSubmissionAsync(Exercise, "uses-autograd");

        var gradientTests = result.Tests.Where(t => t.Test.Task == "binary-gradient").ToList();
        Assert.NotEmpty(gradientTests);
        Assert.All(gradientTests, t => Assert.Equal(TestVerdict.Failed, t.Verdict));
        Assert.All(gradientTests, t => Assert.Contains("derived by hand: no backward()", t.Message));
        Assert.All(result.Tests.Where(t => t.Test.Task is "sigmoid" or "binary-loss"), t => Assert.Equal(TestVerdict.Passed, t.Verdict));
    }

    [Theory]
    [InlineData("uses-autograd")]
    [InlineData("hides-autograd")] // #pragma warning disable EK1001 in the learner's file changes nothing
    public async Task Autograd_costs_the_analyzer_points_and_the_finding_says_where(string submission)
    {
        var result = await graded.OnSubmissionAsync(Exercise, submission);

        var autograd = Assert.Single(result.Rules, r => r.Rule.Id == "EK1001");
        Assert.Equal(0, autograd.PointsEarned);
        Assert.Contains(
            autograd.Findings,
            f => f.File.EndsWith("BinaryLogistic.cs", StringComparison.Ordinal) && f.Line > 0 && f.Message.Contains("'backward'")
        );
        var stable = Assert.Single(result.Rules, r => r.Rule.Id == "EK1002");
        Assert.Equal(stable.Rule.Points, stable.PointsEarned);
    }

    [Fact]
    public async Task What_is_right_in_a_flawed_submission_still_earns_its_points()
    {
        var result = await graded.OnSubmissionAsync(Exercise, "common-mistakes");

        Assert.Equal(ExerciseStatus.Failing, result.Status);
        Assert.All(result.Tests.Where(t => t.Test.Task == "sigmoid"), t => Assert.Equal(TestVerdict.Passed, t.Verdict));
        Assert.InRange(result.PointsEarned, 3, result.MaxPoints - 1);
    }
}

/// <summary>The verdict comes from the graders' listing and reported outcomes, never from the process's exit code.</summary>
[Trait(Tiers.Name, Tiers.Full)]
public sealed class FailClosedTests(GradedExercises graded)
{
    [Fact]
    public async Task A_submission_that_calls_Environment_Exit_does_not_build_and_says_why()
    {
        var result = await graded.OnSubmissionAsync("01-logistic-regression", "exits-early");

        Assert.Equal(ExerciseStatus.BuildFailed, result.Status);
        Assert.Equal(0, result.PointsEarned);
        Assert.Contains(result.BuildErrors, e => e.Code == "EK0002" && e.Message.Contains("Environment.Exit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_submission_that_kills_the_grader_process_scores_nothing()
    {
        var result = await graded.OnSubmissionAsync("01-logistic-regression", "kills-itself");

        Assert.Equal(0, result.PointsEarned);
        Assert.NotEmpty(result.Tests);
        Assert.All(result.Tests, t => Assert.NotEqual(TestVerdict.Passed, t.Verdict));
        Assert.Contains(result.Tests, t => t.Message.Contains("ended early (exit code", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_test_whose_learner_code_never_returns_fails_alone_and_the_rest_is_graded()
    {
        var result = await graded.OnSubmissionAsync("01-logistic-regression", "hangs");
        var limit = Kit.Exercise("01-logistic-regression").TimeLimits.TestSeconds;

        var hung = result.Tests.Where(t => t.Message.StartsWith($"timed out after {limit} s", StringComparison.Ordinal)).ToList();
        Assert.Contains(hung, t => t.Test.Name.EndsWith(".Sigmoid_is_finite_and_exact_at_extreme_logits", StringComparison.Ordinal));
        Assert.All(hung, t => Assert.Equal(TestVerdict.Failed, t.Verdict));
        // Only BinaryLogistic.cs is submitted: its other tests pass, the untouched stubs report "not started".
        var binary = new[] { "sigmoid", "binary-loss", "binary-gradient" };
        Assert.All(result.Tests.Except(hung).Where(t => binary.Contains(t.Test.Task)), t => Assert.Equal(TestVerdict.Passed, t.Verdict));
        Assert.All(result.Tests.Where(t => !binary.Contains(t.Test.Task)), t => Assert.Equal(TestVerdict.NotImplemented, t.Verdict));
    }
}
