using static TorchSharp.torch;

namespace ExerciseKit.Exercises.SegmentationForward;

public sealed partial class SegmentationNet
{
    /// <summary>[N, C, H, W] → [N, classes, H, W] raw class scores.</summary>
    public override Tensor forward(Tensor x)
    {
        var t = conv1a.call(x);
        t = bn1a.call(t);
        t = relu.call(t);
        t = conv1b.call(t);
        t = bn1b.call(t);
        var full = relu.call(t);

        t = pool.call(full);
        t = conv2a.call(t);
        t = bn2a.call(t);
        t = relu.call(t);
        t = conv2b.call(t);
        t = bn2b.call(t);
        var half = relu.call(t);

        t = pool.call(half);
        t = conv3.call(t);
        t = bn3.call(t);
        t = relu.call(t);

        t = concatenate(new[] { up.call(t), half }, 1);
        t = dec2.call(t);
        t = bnDec2.call(t);
        t = relu.call(t);

        t = concatenate(new[] { up.call(t), full }, 1);
        t = dec1.call(t);
        t = bnDec1.call(t);
        t = relu.call(t);

        return head.call(t);
    }
}
