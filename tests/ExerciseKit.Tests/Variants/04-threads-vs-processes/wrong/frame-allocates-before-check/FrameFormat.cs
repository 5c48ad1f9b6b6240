using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ExerciseKit.Exercises.LoadingStages;

/// <summary>Writes and reads the frames described in FrameFormat.Layout.cs.</summary>
public static partial class FrameFormat
{
    private const int FixedHeaderBytes = 12; // magic, index, rank

    /// <summary>Writes one frame: header, shape, then the values' raw bits.</summary>
    public static void Write(Stream output, Batch batch)
    {
        var header = new byte[FixedHeaderBytes + 4 * batch.Shape.Length];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), batch.Index);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), batch.Shape.Length);
        for (var axis = 0; axis < batch.Shape.Length; axis++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(FixedHeaderBytes + 4 * axis), batch.Shape[axis]);
        }
        output.Write(header);
        output.Write(LittleEndianBytes(batch.Values));
    }

    /// <summary>
    /// Reads the next frame; null when the stream ends cleanly between frames. A stream that ends inside a frame
    /// throws EndOfStreamException; bytes that are not a frame (wrong magic, impossible rank or shape) throw
    /// InvalidDataException before anything large is allocated.
    /// </summary>
    public static async ValueTask<Batch?> ReadAsync(Stream input, CancellationToken cancellationToken = default)
    {
        var header = new byte[FixedHeaderBytes];
        var read = await input.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        if (read == 0)
        {
            return null;
        }
        if (read >= Magic.Length && !header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new InvalidDataException(
                $"expected a frame starting with \"EKB1\", found bytes {Convert.ToHexString(header, 0, Magic.Length)}: "
                    + "something other than frames was written to the stream"
            );
        }
        if (read < header.Length)
        {
            throw new EndOfStreamException($"the stream ended {read} bytes into a frame header");
        }

        var index = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4));
        var rank = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
        if (rank is < 0 or > MaxRank)
        {
            throw new InvalidDataException($"batch {index}: rank {rank} is not between 0 and {MaxRank}");
        }
        var shapeBytes = await ReadExactly(input, 4 * rank, index, "shape", cancellationToken);
        var shape = new int[rank];
        long count = 1;
        for (var axis = 0; axis < rank; axis++)
        {
            shape[axis] = BinaryPrimitives.ReadInt32LittleEndian(shapeBytes.AsSpan(4 * axis));
            count *= shape[axis];
        }
        var valueBytes = new byte[Math.Clamp(4 * count, 0, Array.MaxLength)]; // allocate first, validate below
        if (shape.Any(d => d < 0) || count > MaxValues)
        {
            throw new InvalidDataException(
                $"batch {index}: shape [{string.Join(", ", shape)}] is negative or larger than {MaxValues} values"
            );
        }
        var got = await input.ReadAtLeastAsync(valueBytes, valueBytes.Length, throwOnEndOfStream: false, cancellationToken);
        if (got != valueBytes.Length)
        {
            throw new EndOfStreamException($"batch {index}: the stream ended after {got} of the {valueBytes.Length} bytes of its values");
        }
        return new Batch(index, shape, FromLittleEndianBytes(valueBytes));
    }

    private static async ValueTask<byte[]> ReadExactly(
        Stream input,
        int length,
        int index,
        string part,
        CancellationToken cancellationToken
    )
    {
        var bytes = new byte[length];
        var read = await input.ReadAtLeastAsync(bytes, length, throwOnEndOfStream: false, cancellationToken);
        return read == length
            ? bytes
            : throw new EndOfStreamException($"batch {index}: the stream ended after {read} of the {length} bytes of its {part}");
    }

    private static byte[] LittleEndianBytes(float[] values)
    {
        var bytes = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            var words = MemoryMarshal.Cast<byte, int>(bytes.AsSpan());
            BinaryPrimitives.ReverseEndianness(words, words);
        }
        return bytes;
    }

    private static float[] FromLittleEndianBytes(byte[] bytes)
    {
        var values = MemoryMarshal.Cast<byte, float>(bytes.AsSpan()).ToArray();
        if (!BitConverter.IsLittleEndian)
        {
            var words = MemoryMarshal.Cast<float, int>(values.AsSpan());
            BinaryPrimitives.ReverseEndianness(words, words);
        }
        return values;
    }
}
