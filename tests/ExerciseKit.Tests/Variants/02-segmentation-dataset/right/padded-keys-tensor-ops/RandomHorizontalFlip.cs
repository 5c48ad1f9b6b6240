using static TorchSharp.torch;

namespace ExerciseKit.Exercises.SegmentationDataset;

/// <summary>Mirrors image and mask along their last (width) axis together, with probability p, from a seeded generator.</summary>
public sealed class RandomHorizontalFlip : IJointTransform
{
    private readonly double p;
    private readonly Random generator;
    private readonly object gate = new(); // Random is not thread safe; DataLoader workers may share the transform

    public RandomHorizontalFlip(double probability, int seed)
    {
        if (probability is < 0 or > 1 || double.IsNaN(probability))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "must lie in [0, 1]");
        }
        p = probability;
        generator = new Random(seed);
    }

    public (Tensor Image, Tensor Mask) Apply(Tensor image, Tensor mask)
    {
        bool flip;
        lock (gate)
        {
            flip = generator.NextDouble() < p;
        }
        if (!flip)
        {
            return (image, mask);
        }
        return (image.flip(new long[] { image.dim() - 1 }), mask.flip(new long[] { mask.dim() - 1 }));
    }
}
