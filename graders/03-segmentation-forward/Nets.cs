using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using ExerciseKit.Exercises.SegmentationForward;
using ExerciseKit.Grading;
using ExerciseKit.Grading.Torch;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.SegmentationForward;

/// <summary>Builds the learner's network reproducibly and runs its forward pass with feedback on the usual crashes.</summary>
internal static class Nets
{
    public static OwnedNet Create(int inChannels, int classes, int width = 8, long seed = 7)
    {
        manual_seed(seed);
        var net = new SegmentationNet(inChannels, classes, width);
        var weighted = net.modules().Count(m => m is TorchSharp.Modules.Conv2d or TorchSharp.Modules.BatchNorm2d);
        TorchGraderAttribute.ExpectHeldByTorchSharp(2 * weighted);
        return new OwnedNet(net);
    }

    public static Tensor Forward(SegmentationNet net, Tensor x, string what)
    {
        try
        {
            var output = net.call(x);
            GradingFailure.Unless(output is not null, $"{what}: forward returned null.");
            return output!;
        }
        catch (ExternalException e)
        {
            throw new GradingFailure(
                $"{what}: libtorch refused an operation. {Advice(e.Message)}\n  libtorch said: {FirstLine(e.Message)}"
            );
        }
        catch (Exception e) when (e is not GradingFailure and not NotImplementedException)
        {
            ExceptionDispatchInfo.Throw(e);
            throw;
        }
    }

    private static string Advice(string error) =>
        error.Contains("channels", StringComparison.Ordinal)
            ? "A convolution got the wrong number of input channels. dec2 takes up(bottleneck) and level 2 concatenated along dim 1 "
                + "(4w + 2w channels), dec1 takes up(dec2) and level 1 (2w + w); check which encoder output goes to which skip, and cat on dim 1, not 0."
        : error.Contains("Sizes of tensors must match", StringComparison.Ordinal)
            ? "torch.cat joined tensors of different height/width: upsample first, then concatenate with the encoder output of the same resolution."
        : "Check the order of the blocks against the diagram in SegmentationNet.cs.";

    private static string FirstLine(string message) => message.Split('\n')[0];

    public static string Shape(Tensor t) => TensorText.Shape(t);
}

/// <summary>
/// Disposing a TorchSharp module leaves its parameter and buffer wrappers to the finalizer; this disposes them
/// too, so a grader leaves no tensor behind.
/// </summary>
internal sealed class OwnedNet(SegmentationNet net) : IDisposable
{
    public SegmentationNet Net { get; } = net;

    public void Dispose()
    {
        foreach (var tensor in Net.parameters().Concat<Tensor>(Net.buffers()).ToList())
        {
            tensor.Dispose();
        }

        Net.Dispose();
    }
}
