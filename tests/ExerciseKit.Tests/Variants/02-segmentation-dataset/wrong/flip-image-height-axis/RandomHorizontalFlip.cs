using static TorchSharp.torch;

namespace ExerciseKit.Exercises.SegmentationDataset;

/// <summary>
/// Mirrors image and mask left-to-right together with the given probability. The same seed must give the same
/// sequence of decisions, so that an experiment can be repeated.
/// </summary>
public sealed class RandomHorizontalFlip : IJointTransform
{
    private readonly double probability;
    private readonly Random random;

    public RandomHorizontalFlip(double probability, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(probability);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(probability, 1.0);
        this.probability = probability;
        random = new Random(seed);
    }

    public (Tensor Image, Tensor Mask) Apply(Tensor image, Tensor mask) =>
        random.NextDouble() < probability ? (image.flip(1), mask.flip(1)) : (image, mask);
}
