using System.Globalization;
using ExerciseKit.Grading;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.SegmentationForward;

/// <summary>
/// The architecture of SegmentationNet.cs written again in PyTorch by <c>generate.py</c>, which stored fixed weights,
/// an input and its logits in the embedded <c>pytorch-forward.json</c>. The golden grader's reference is wired in
/// TorchSharp, the library the learner calls; this is the same check against a second implementation.
/// </summary>
internal static class PyTorchForward
{
    /// <summary>float32 convolutions summed in another order (and by another libtorch) differ in the last digits.</summary>
    private const double Tolerance = 1e-4;

    private static readonly Lazy<Values> Case = new(() =>
        EmbeddedJson.Load<Values>(typeof(PyTorchForward).Assembly, "pytorch-forward.json")
    );

    /// <summary>The learner's forward in eval mode on PyTorch's weights and input gives PyTorch's logits.</summary>
    public static void RequireSameLogits()
    {
        using var scope = NewDisposeScope();
        var values = Case.Value;
        using var owned = Nets.Create(values.InChannels, values.Classes, values.Width);
        LoadWeights(owned.Reference, values.Weights);
        owned.SendWeights();
        var x = tensor(values.Input).reshape(values.InputShape);
        var expected = tensor(values.Logits).reshape(values.InputShape[0], values.Classes, values.InputShape[2], values.InputShape[3]);
        owned.Eval();
        var what = $"Forward of a width-{values.Width} network on fixed weights, input {Nets.Shape(x)}, eval mode";
        var actual = Nets.Forward(owned.Net, x, what);
        GradingFailure.Unless(
            actual.shape.SequenceEqual(expected.shape),
            $"{what}: returned shape {Nets.Shape(actual)}, PyTorch's forward of the same architecture returns {Nets.Shape(expected)}."
        );
        var close = actual.detach().to(float64).isclose(expected.to(float64), rtol: Tolerance, atol: Tolerance);
        if (close.all().item<bool>())
        {
            return;
        }

        var differing = (~close).sum().item<long>();
        var first = (~close).flatten().nonzero()[0, 0].item<long>();
        var index = Index(first, expected.shape);
        throw new GradingFailure(
            string.Create(
                CultureInfo.InvariantCulture,
                $"{what}: differs from PyTorch's forward of the architecture in SegmentationNet.cs on the same weights, first at logit {index} "
                    + $"(got {actual.flatten()[first].item<float>():G6}, expected {expected.flatten()[first].item<float>():G6}; "
                    + $"{differing} of {expected.numel()} logits differ). Compare your forward with the diagram block by block."
            )
        );
    }

    private static void LoadWeights(ReferenceNet net, Dictionary<string, double[]> weights)
    {
        using var noGrad = no_grad();
        var state = net.state_dict();
        foreach (var (name, flat) in weights)
        {
            var target =
                state.GetValueOrDefault(name)
                ?? throw new InvalidOperationException($"pytorch-forward.json names {name}, which SegmentationNet does not have.");
            target.copy_(tensor(flat, dtype: target.dtype).reshape(target.shape));
        }
    }

    private static string Index(long flat, long[] shape)
    {
        var index = new long[shape.Length];
        for (var axis = shape.Length - 1; axis >= 0; axis--)
        {
            index[axis] = flat % shape[axis];
            flat /= shape[axis];
        }

        return "[" + string.Join(", ", index) + "]";
    }

    private sealed record Values(
        int InChannels,
        int Classes,
        int Width,
        Dictionary<string, double[]> Weights,
        long[] InputShape,
        float[] Input,
        float[] Logits
    );
}
