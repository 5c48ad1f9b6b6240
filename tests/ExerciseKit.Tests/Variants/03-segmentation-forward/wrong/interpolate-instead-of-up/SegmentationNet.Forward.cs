using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ExerciseKit.Exercises.SegmentationForward;

public sealed partial class SegmentationNet
{
    /// <summary>
    /// x: float32 [N, inChannels, H, W] → logits [N, classes, H, W]. Call each block as <c>block.call(x)</c>.
    /// </summary>
    public override Tensor forward(Tensor x)
    {
        var level1 = Block(conv1b, bn1b, Block(conv1a, bn1a, x));
        var level2 = Block(conv2b, bn2b, Block(conv2a, bn2a, pool.call(level1)));
        var bottleneck = Block(conv3, bn3, pool.call(level2));
        var decoded2 = Block(
            dec2,
            bnDec2,
            cat([nn.functional.interpolate(bottleneck, scale_factor: [2.0, 2.0], mode: InterpolationMode.Bilinear), level2], dim: 1)
        );
        var decoded1 = Block(dec1, bnDec1, cat([up.call(decoded2), level1], dim: 1));
        return head.call(decoded1);
    }

    private Tensor Block(Conv2d conv, BatchNorm2d norm, Tensor input) => relu.call(norm.call(conv.call(input)));
}
