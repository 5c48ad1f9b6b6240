using ExerciseKit.Grading.Boundary;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.SegmentationDataset;

/// <summary>
/// The learner's types (and the kit's probe) as the graders call them: each runs in the subject process (Subject/),
/// never in the graders'. <c>SegmentationFolder.New(root, options, files)</c> reads like the constructor it calls.
/// </summary>
internal static class SegmentationFolder
{
    public static ISegmentationFolder New(string root, SegmentationOptions options, IRecordingFiles? files = null) =>
        Learner.New<ISegmentationFolder>(root, options, files);
}

internal static class RandomHorizontalFlip
{
    public static IRandomHorizontalFlip New(double probability, int seed) => Learner.New<IRandomHorizontalFlip>(probability, seed);
}

[LearnerType("ExerciseKit.Exercises.SegmentationDataset.SegmentationFolder, SegmentationDataset")]
public interface ISegmentationFolder : IDisposable
{
    long Count { get; }

    Dictionary<string, Tensor> GetTensor(long index);
}

[LearnerType("ExerciseKit.Exercises.SegmentationDataset.RandomHorizontalFlip, SegmentationDataset")]
public interface IRandomHorizontalFlip
{
    (Tensor Image, Tensor Mask) Apply(Tensor image, Tensor mask);
}

/// <summary>The learner's <c>SegmentationOptions</c>, as it crosses the boundary: matched by property names.</summary>
public sealed record SegmentationOptions(int NumClasses)
{
    public IReadOnlyList<float>? Mean { get; init; }

    public IReadOnlyList<float>? Std { get; init; }

    public IRandomHorizontalFlip? Transform { get; init; }
}

/// <summary>The keys of a sample, as the exercise's SampleKeys defines them.</summary>
internal static class SampleKeys
{
    public const string Image = "image";
    public const string Mask = "mask";
}
