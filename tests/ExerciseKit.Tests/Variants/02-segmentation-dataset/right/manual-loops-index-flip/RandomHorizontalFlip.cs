using static TorchSharp.torch;

namespace ExerciseKit.Exercises.SegmentationDataset;

public sealed class RandomHorizontalFlip : IJointTransform
{
    private readonly double chance;
    private readonly Random rng;

    public RandomHorizontalFlip(double probability, int seed)
    {
        if (!(probability >= 0 && probability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability));
        }
        chance = probability;
        rng = new Random(seed);
    }

    public (Tensor Image, Tensor Mask) Apply(Tensor image, Tensor mask)
    {
        var roll = rng.NextDouble();
        if (roll >= chance)
        {
            return (image, mask);
        }
        // Mirror by gathering columns W-1 … 0 along the width axis of both tensors.
        using var reversed = arange(image.shape[^1] - 1, -1, -1, dtype: int64);
        return (image.index_select(2, reversed), mask.index_select(1, reversed));
    }
}
