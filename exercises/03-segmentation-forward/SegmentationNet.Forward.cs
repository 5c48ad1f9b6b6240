using static TorchSharp.torch;

namespace ExerciseKit.Exercises.SegmentationForward;

public sealed partial class SegmentationNet
{
    /// <summary>
    /// x: float32 [N, inChannels, H, W] → logits [N, classes, H, W]. Call each block as <c>block.call(x)</c>.
    /// </summary>
    public override Tensor forward(Tensor x) =>
        throw new NotImplementedException(
            "Run the encoder (conv → BN → ReLU, twice per level, max-pool between levels), the bottleneck, then upsample and torch.cat with the encoder features of the same size before each decoder block, and end with the 1×1 head."
        );
}
