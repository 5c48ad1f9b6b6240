namespace ExerciseKit.Exercises.LoadingStages;

/// <summary>Writes and reads the frames described in FrameFormat.Layout.cs.</summary>
public static partial class FrameFormat
{
    /// <summary>Writes one frame: header, shape, then the values' raw bits.</summary>
    public static void Write(Stream output, Batch batch) =>
        throw new NotImplementedException("Write the magic, the index, the rank, the shape and then the values, little-endian.");

    /// <summary>
    /// Reads the next frame; null when the stream ends cleanly between frames. A stream that ends inside a frame
    /// throws EndOfStreamException; bytes that are not a frame (wrong magic, impossible rank or shape) throw
    /// InvalidDataException before anything large is allocated.
    /// </summary>
    public static ValueTask<Batch?> ReadAsync(Stream input, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException(
            "Read a frame back: a clean end gives null, a cut frame EndOfStreamException, garbage InvalidDataException."
        );
}
