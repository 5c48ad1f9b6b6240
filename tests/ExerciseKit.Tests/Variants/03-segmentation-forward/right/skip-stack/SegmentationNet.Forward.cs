using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ExerciseKit.Exercises.SegmentationForward;

public sealed partial class SegmentationNet
{
    public override Tensor forward(Tensor x)
    {
        // Encoder: each level's output is pushed as a skip before pooling.
        var skips = new Stack<Tensor>();
        var encoder = new[] { new[] { (conv1a, bn1a), (conv1b, bn1b) }, new[] { (conv2a, bn2a), (conv2b, bn2b) } };
        var features = x;
        foreach (var level in encoder)
        {
            foreach (var (conv, norm) in level)
            {
                features = relu.call(norm.call(conv.call(features)));
            }
            skips.Push(features);
            features = pool.call(features);
        }

        features = relu.call(bn3.call(conv3.call(features)));

        // Decoder: upsample, concatenate the matching skip (deepest first), one block per level.
        foreach (var (conv, norm) in new[] { (dec2, bnDec2), (dec1, bnDec1) })
        {
            var merged = cat(new[] { up.call(features), skips.Pop() }, dim: 1);
            features = relu.call(norm.call(conv.call(merged)));
        }

        return head.call(features);
    }
}
