using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ExerciseKit.Exercises.SegmentationForward;

/// <summary>
/// A small U-Net: two encoder levels, a bottleneck at a quarter of the resolution, and two decoder levels that
/// concatenate the encoder's features of the same resolution (skip connections). Every convolution is followed
/// by its BatchNorm and then ReLU. With base width w:
/// <code>
///   level 1 (H × W)      conv1a: in → w,   conv1b: w → w
///   level 2 (H/2 × W/2)  conv2a: w → 2w,   conv2b: 2w → 2w
///   bottleneck (H/4)     conv3:  2w → 4w
///   decoder level 2      dec2:   4w + 2w → 2w   (up(bottleneck) ++ level 2)
///   decoder level 1      dec1:   2w + w → w     (up(decoder 2) ++ level 1)
///   head                 1×1 conv: w → classes, raw scores (logits)
/// </code>
/// This file builds the blocks; you write <c>forward</c> in SegmentationNet.Forward.cs. Input H and W must be
/// multiples of 4.
/// </summary>
public sealed partial class SegmentationNet : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1a,
        conv1b,
        conv2a,
        conv2b,
        conv3,
        dec2,
        dec1,
        head;
    private readonly BatchNorm2d bn1a,
        bn1b,
        bn2a,
        bn2b,
        bn3,
        bnDec2,
        bnDec1;
    private readonly ReLU relu;
    private readonly MaxPool2d pool;
    private readonly Upsample up;

    public SegmentationNet(int inChannels, int classes, int width = 8)
        : base(nameof(SegmentationNet))
    {
        conv1a = Conv3x3(inChannels, width);
        bn1a = BatchNorm2d(width);
        conv1b = Conv3x3(width, width);
        bn1b = BatchNorm2d(width);
        conv2a = Conv3x3(width, 2 * width);
        bn2a = BatchNorm2d(2 * width);
        conv2b = Conv3x3(2 * width, 2 * width);
        bn2b = BatchNorm2d(2 * width);
        conv3 = Conv3x3(2 * width, 4 * width);
        bn3 = BatchNorm2d(4 * width);
        dec2 = Conv3x3(4 * width + 2 * width, 2 * width);
        bnDec2 = BatchNorm2d(2 * width);
        dec1 = Conv3x3(2 * width + width, width);
        bnDec1 = BatchNorm2d(width);
        head = Conv2d(width, classes, kernel_size: 1);
        relu = ReLU();
        pool = MaxPool2d(kernel_size: 2);
        up = Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest);
        RegisterComponents();
    }

    /// <summary>A 3×3 convolution that keeps height and width (padding 1).</summary>
    private static Conv2d Conv3x3(int input, int output) => Conv2d(input, output, kernel_size: 3, padding: 1);
}
