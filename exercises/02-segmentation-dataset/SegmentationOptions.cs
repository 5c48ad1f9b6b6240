namespace ExerciseKit.Exercises.SegmentationDataset;

/// <summary>How a <see cref="SegmentationFolder"/> turns files into tensors.</summary>
/// <param name="NumClasses">Mask pixels hold class ids 0 … NumClasses − 1; any other value is an error.</param>
public sealed record SegmentationOptions(int NumClasses)
{
    /// <summary>Per-channel (R, G, B) mean subtracted after scaling to [0, 1]; null means no normalisation.</summary>
    public IReadOnlyList<float>? Mean { get; init; }

    /// <summary>Per-channel (R, G, B) standard deviation divided by after subtracting <see cref="Mean"/>.</summary>
    public IReadOnlyList<float>? Std { get; init; }

    /// <summary>Applied last, to the finished image and mask; null means none.</summary>
    public IJointTransform? Transform { get; init; }
}

/// <summary>The keys of the dictionary <see cref="SegmentationFolder.GetTensor"/> returns.</summary>
public static class SampleKeys
{
    public const string Image = "image";
    public const string Mask = "mask";
}
