using ExerciseKit.Grading;
using ExerciseKit.Grading.Torch;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.SegmentationDataset;

/// <summary>One item of the learner's dataset, checked for the dictionary contract before anything else.</summary>
internal sealed record Sample(Tensor Image, Tensor Mask)
{
    public static Sample Get(ISegmentationFolder dataset, long index)
    {
        var item = dataset.GetTensor(index);
        GradingFailure.Unless(item is not null, $"GetTensor({index}) returned null.");
        foreach (var key in new[] { SampleKeys.Image, SampleKeys.Mask })
        {
            GradingFailure.Unless(
                item!.TryGetValue(key, out var value) && value is not null,
                $"GetTensor({index}) returned keys [{string.Join(", ", item.Keys)}]; it needs \"{SampleKeys.Image}\" and \"{SampleKeys.Mask}\" (use SampleKeys)."
            );
        }

        return new Sample(item![SampleKeys.Image], item[SampleKeys.Mask]);
    }

    /// <summary>The red value (0–255) of the top-left pixel: how the graders tell items apart.</summary>
    public long Marker => (long)Math.Round(Image[0, 0, 0].item<float>() * 255);

    public static string Shape(Tensor t) => TensorText.Shape(t);

    public static string Values(Tensor t) => TensorText.Values(t, shown: 8, "0.####");
}

internal static class TensorComparison
{
    /// <summary>Same shape, same dtype, same values.</summary>
    public static bool SameAs(this Tensor actual, Tensor expected) =>
        actual.shape.SequenceEqual(expected.shape) && actual.dtype == expected.dtype && actual.eq(expected).all().item<bool>();
}
