using ExerciseKit.Grading;
using Xunit;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.SegmentationForward;

public sealed class ReceptiveFieldGraders
{
    /// <summary>
    /// Through the bottleneck a centre pixel sees 2 + 2 (level 1) + 4 + 4 (level 2, stride 2) + 8 (bottleneck,
    /// stride 4) + 4 (dec2, stride 2) + 2 (dec1) pixels beyond itself, give or take the pooling grid: 25 pixels at
    /// the least. Without the bottleneck path (or with it at the wrong resolution) it stays well below.
    /// </summary>
    public const int Promised = 25;

    [Fact, Graded("receptive-field", 3)]
    public void A_centre_pixel_sees_at_least_the_promised_window()
    {
        using var scope = NewDisposeScope();
        using var owned = Nets.Create(1, 2);
        owned.Eval();
        var x = randn(4, 1, 64, 64);

        // One class's score: the sum over classes would be constant if forward (wrongly) ended in softmax.
        var gradient = Nets.Call("Input [4, 1, 64, 64]", () => owned.Net.InputGradient(x, classIndex: 0, row: 32, column: 32));

        var influence = gradient.abs().sum(dim: 0).sum(dim: 0);
        var (rows, cols) = (Extent(influence.sum(dim: 1)), Extent(influence.sum(dim: 0)));
        GradingFailure.Unless(
            rows >= Promised && cols >= Promised,
            $"Output pixel (32, 32) depends on a {rows}×{cols} window of the input; the architecture promises at least {Promised}×{Promised}. "
                + "The deep path is missing or shortened: pool twice before conv3, then upsample back through dec2 and dec1. "
                + "Each level down doubles how far a 3×3 convolution reaches."
        );
    }

    private static long Extent(Tensor line)
    {
        var touched = line.gt(0).nonzero();
        return touched.shape[0] == 0 ? 0 : touched.max().item<long>() - touched.min().item<long>() + 1;
    }
}
