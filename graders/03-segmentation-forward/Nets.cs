using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using ExerciseKit.Grading;
using ExerciseKit.Grading.Boundary;
using ExerciseKit.Grading.Torch;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.SegmentationForward;

/// <summary>Builds the learner's network reproducibly and runs its forward pass with feedback on the usual crashes.</summary>
internal static class Nets
{
    /// <summary>
    /// The learner's network in the subject, with the weights of the graders' own <see cref="ReferenceNet"/> built
    /// from the same seed (so the graders' random inputs that follow come from the same sequence every time).
    /// </summary>
    public static OwnedNet Create(int inChannels, int classes, int width = 8, long seed = 7)
    {
        manual_seed(seed);
        var reference = new ReferenceNet(inChannels, classes, width);
        var weighted = reference.modules().Count(m => m is TorchSharp.Modules.Conv2d or TorchSharp.Modules.BatchNorm2d);
        TorchGraderAttribute.ExpectHeldByTorchSharp(2 * weighted);
        var net = Learner.New<INetUnderTest>(inChannels, classes, width, seed);
        var owned = new OwnedNet(net, reference);
        owned.SendWeights();
        return owned;
    }

    public static Tensor Forward(INetUnderTest net, Tensor x, string what) => Call(what, () => net.Forward(x));

    /// <summary>Runs the learner's forward (in a probe) and turns libtorch's refusals into advice.</summary>
    public static T Call<T>(string what, Func<T> run)
    {
        try
        {
            var output = run();
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
/// The learner's network (in the subject) and the graders' reference with the same weights. Disposing a TorchSharp
/// module leaves its parameter and buffer wrappers to the finalizer; this disposes them too, so a grader leaves no
/// tensor behind.
/// </summary>
internal sealed class OwnedNet(INetUnderTest net, ReferenceNet reference) : IDisposable
{
    public INetUnderTest Net { get; } = net;

    public ReferenceNet Reference { get; } = reference;

    /// <summary>Gives the learner's network the reference's current weights and statistics.</summary>
    public void SendWeights() => Net.Load(Reference.state_dict());

    /// <summary>Both networks in evaluation mode: the reference's blocks run by the graders must use running statistics too.</summary>
    public void Eval()
    {
        Net.Eval();
        Reference.eval();
    }

    public void Train()
    {
        Net.Train();
        Reference.train();
    }

    public void Dispose()
    {
        Net.Dispose();
        foreach (var tensor in Reference.parameters().Concat<Tensor>(Reference.buffers()).ToList())
        {
            tensor.Dispose();
        }

        Reference.Dispose();
    }
}
