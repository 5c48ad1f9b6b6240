using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace ExerciseKit.Graders.SegmentationForward;

/// <summary>
/// The blocks of exercises/03-segmentation-forward/SegmentationNet.cs, built again here: the graders never load the
/// learner's assembly. Built with the same seed, it holds the weights the learner's network starts from (the graders
/// copy them over to be sure), and the golden grader wires its blocks by the specification to compare with.
/// </summary>
internal sealed class ReferenceNet : Module<Tensor, Tensor>
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

    public ReferenceNet(int inChannels, int classes, int width)
        : base("SegmentationNet")
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

    /// <summary>Not used: the golden grader runs the blocks one by one.</summary>
    public override Tensor forward(Tensor x) => throw new NotSupportedException("the graders run the reference's blocks one by one");

    private static Conv2d Conv3x3(int input, int output) => Conv2d(input, output, kernel_size: 3, padding: 1);
}
