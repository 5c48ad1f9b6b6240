namespace ExerciseKit.Exercises.LoadingStages;

/// <summary>
/// The bytes of one batch on the wire, all integers and floats little-endian:
/// <code>
/// "EKB1"          4 bytes, the magic that says a frame starts here
/// index           int32
/// rank            int32, 0 to MaxRank
/// shape           rank × int32, each ≥ 0, their product ≤ MaxValues
/// values          product(shape) × float32, the raw IEEE-754 bits
/// </code>
/// A stream of batches is frames back to back; the stream simply ends after the last one.
/// </summary>
public static partial class FrameFormat
{
    public static ReadOnlySpan<byte> Magic => "EKB1"u8;

    public const int MaxRank = 8;

    /// <summary>256 MB of float32: a length above this is garbage, not a batch, and must not be allocated.</summary>
    public const int MaxValues = 1 << 26;
}
