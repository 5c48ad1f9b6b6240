using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ExerciseKit.Exercises.SegmentationForward;

public sealed partial class SegmentationNet
{
    public override Tensor forward(Tensor x)
    {
        // Intermediate handles are released when the scope ends; autograd keeps what it saved for backward itself.
        using var scope = NewDisposeScope();
        var a = ConvBnRelu(x, conv1a, bn1a);
        var skip1 = ConvBnRelu(a, conv1b, bn1b);
        var b = ConvBnRelu(pool.call(skip1), conv2a, bn2a);
        var skip2 = ConvBnRelu(b, conv2b, bn2b);
        var deep = ConvBnRelu(pool.call(skip2), conv3, bn3);
        var d2 = ConvBnRelu(cat(new[] { up.call(deep), skip2 }, 1), dec2, bnDec2);
        var d1 = ConvBnRelu(cat(new[] { up.call(d2), skip1 }, 1), dec1, bnDec1);
        return head.call(d1).MoveToOuterDisposeScope();
    }

    private Tensor ConvBnRelu(Tensor input, Conv2d convolution, BatchNorm2d normalisation)
    {
        var convolved = convolution.call(input);
        var normalised = normalisation.call(convolved);
        return relu.call(normalised);
    }
}
