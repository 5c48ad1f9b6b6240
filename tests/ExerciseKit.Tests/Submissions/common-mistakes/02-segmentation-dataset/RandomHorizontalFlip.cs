using static TorchSharp.torch;

namespace ExerciseKit.Exercises.SegmentationDataset;

// Flips the image and forgets the mask.
public sealed class RandomHorizontalFlip(double probability, int seed) : IJointTransform
{
    private readonly Random random = new(seed);

    public (Tensor Image, Tensor Mask) Apply(Tensor image, Tensor mask) =>
        random.NextDouble() < probability ? (image.flip(-1), mask) : (image, mask);
}
