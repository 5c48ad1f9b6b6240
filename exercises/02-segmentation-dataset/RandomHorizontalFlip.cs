using static TorchSharp.torch;

namespace ExerciseKit.Exercises.SegmentationDataset;

/// <summary>
/// Mirrors image and mask left-to-right together with the given probability. The same seed must give the same
/// sequence of decisions, so that an experiment can be repeated.
/// </summary>
public sealed class RandomHorizontalFlip : IJointTransform
{
    public RandomHorizontalFlip(double probability, int seed) =>
        throw new NotImplementedException("Keep the probability (reject values outside [0, 1]) and a random generator seeded with seed.");

    public (Tensor Image, Tensor Mask) Apply(Tensor image, Tensor mask) =>
        throw new NotImplementedException(
            "With the given probability, flip both along their last (width) axis; otherwise return them unchanged."
        );
}
