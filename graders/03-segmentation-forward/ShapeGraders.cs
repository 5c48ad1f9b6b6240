using ExerciseKit.Grading;
using Xunit;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.SegmentationForward;

public sealed class ShapeGraders
{
    [Fact, Graded("shapes", 3)]
    public void Output_is_N_classes_H_W_for_any_batch_channels_classes_and_size()
    {
        foreach (var (batch, inChannels, classes, height, width) in new[] { (1, 3, 4, 16, 16), (2, 1, 2, 32, 24), (3, 3, 5, 20, 44) })
        {
            using var scope = NewDisposeScope();
            using var owned = Nets.Create(inChannels, classes);
            var what = $"Input [{batch}, {inChannels}, {height}, {width}] with {classes} classes";

            var output = Nets.Forward(owned.Net, randn(batch, inChannels, height, width), what);

            long[] expected = [batch, classes, height, width];
            GradingFailure.Unless(
                output.shape.SequenceEqual(expected),
                $"{what}: output {Nets.Shape(output)}, expected [{string.Join(", ", expected)}]. {Advice(output.shape, expected)}"
            );
            GradingFailure.Unless(output.dtype == ScalarType.Float32, $"{what}: output is {output.dtype}, expected Float32.");
        }
    }

    [Fact, Graded("shapes", 1)]
    public void Output_is_raw_logits_not_probabilities()
    {
        using var scope = NewDisposeScope();
        using var owned = Nets.Create(3, 4);
        owned.Eval();
        var output = Nets.Forward(owned.Net, randn(2, 3, 16, 16) * 3, "Input [2, 3, 16, 16]");

        var sumsToOne = output.sum(dim: 1).sub(1).abs().max().item<float>() < 1e-4 && output.min().item<float>() >= 0;
        GradingFailure.Unless(
            !sumsToOne,
            "The output sums to 1 over the class axis: forward applies softmax. cross_entropy applies log-softmax itself, so softmax in "
                + "forward squashes the scores twice and slows learning; return raw logits and take softmax/argmax only when predicting."
        );
        var logSumsToZero = output.logsumexp(dim: 1).abs().max().item<float>() < 1e-4;
        GradingFailure.Unless(
            !logSumsToZero,
            "The output is log-probabilities (log_softmax in forward). With cross_entropy, return raw logits from the 1×1 head instead."
        );
    }

    private static string Advice(long[] actual, long[] expected)
    {
        if (actual.Length != 4)
        {
            return "Keep all four axes; do not squeeze or flatten.";
        }

        if (actual[1] != expected[1])
        {
            return $"{actual[1]} channels instead of {expected[1]} classes: end with the 1×1 head.";
        }

        var ratio = (double)actual[2] / expected[2];
        return ratio switch
        {
            0.25 => "Quarter resolution: both upsampling steps are missing.",
            0.5 => "Half resolution: one upsampling step is missing (one per pooling step).",
            2 => "Double resolution: one upsampling step too many.",
            _ => "Every max-pool halves H and W; every upsample doubles them: use as many of each.",
        };
    }
}
