using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ExerciseKit.Exercises.SegmentationForward;

public sealed partial class SegmentationNet
{
    public override Tensor forward(Tensor x)
    {
        Func<Tensor, Tensor> Unit(Conv2d c, BatchNorm2d n) => t => relu.call(n.call(c.call(t)));
        Func<Tensor, Tensor> Then(Func<Tensor, Tensor> f, Func<Tensor, Tensor> g) => t => g(f(t));
        Tensor Merge(Tensor deep, Tensor skip) => cat(new[] { up.call(deep), skip }, dim: -3); // channel axis of NCHW

        var level1 = Then(Unit(conv1a, bn1a), Unit(conv1b, bn1b));
        var level2 = Then(Unit(conv2a, bn2a), Unit(conv2b, bn2b));
        var bottom = Unit(conv3, bn3);

        var s1 = level1(x);
        var s2 = level2(pool.call(s1));
        var z = bottom(pool.call(s2));
        z = Unit(dec2, bnDec2)(Merge(z, s2));
        z = Unit(dec1, bnDec1)(Merge(z, s1));
        return head.call(z);
    }
}
