using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ExerciseKit.Exercises.SegmentationForward;

public sealed partial class SegmentationNet
{
    /// <summary>Runs a sequence of conv → BatchNorm → ReLU stages.</summary>
    private Tensor Stages(Tensor input, params (Conv2d Conv, BatchNorm2d Norm)[] stages)
    {
        var h = input;
        foreach (var (conv, norm) in stages)
        {
            h = conv.call(h);
            h = norm.call(h);
            h = relu.call(h);
        }
        return h;
    }

    public override Tensor forward(Tensor x)
    {
        var e1 = Stages(x, (conv1a, bn1a), (conv1b, bn1b));
        var e2 = Stages(pool.call(e1), (conv2a, bn2a), (conv2b, bn2b));
        var mid = Stages(pool.call(e2), (conv3, bn3));
        var d2 = Stages(cat(new List<Tensor> { up.call(mid), e2 }, 1), (dec2, bnDec2));
        var d1 = Stages(cat(new List<Tensor> { up.call(d2), e1 }, 1), (dec1, bnDec1));
        return head.call(d1);
    }
}
