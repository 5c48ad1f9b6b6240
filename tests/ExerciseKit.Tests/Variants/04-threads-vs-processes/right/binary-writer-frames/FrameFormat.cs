using System.Text;

namespace ExerciseKit.Exercises.LoadingStages;

/// <summary>Frames written with a BinaryWriter (always little-endian) and read back with a hand-written fill loop.</summary>
public static partial class FrameFormat
{
    public static void Write(Stream output, Batch batch)
    {
        using var writer = new BinaryWriter(output, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(batch.Index);
        writer.Write(batch.Shape.Length);
        foreach (var dimension in batch.Shape)
        {
            writer.Write(dimension);
        }
        foreach (var value in batch.Values)
        {
            writer.Write(BitConverter.SingleToInt32Bits(value)); // the bits, never a conversion
        }
        writer.Flush();
    }

    public static async ValueTask<Batch?> ReadAsync(Stream input, CancellationToken cancellationToken = default)
    {
        var fixedPart = new byte[12];
        var got = await FillAsync(input, fixedPart, cancellationToken);
        if (got == 0)
        {
            return null;
        }
        var magicBytes = Math.Min(got, 4);
        if (!fixedPart.AsSpan(0, magicBytes).SequenceEqual(Magic[..magicBytes]))
        {
            throw new InvalidDataException("not a frame: the magic EKB1 is missing");
        }
        if (got < fixedPart.Length)
        {
            throw new EndOfStreamException($"cut frame: only {got} header bytes");
        }
        var index = ToInt32(fixedPart, 4);
        var rank = ToInt32(fixedPart, 8);
        if (rank < 0 || rank > MaxRank)
        {
            throw new InvalidDataException($"rank {rank} outside 0..{MaxRank}");
        }

        var shapeBytes = new byte[rank * sizeof(int)];
        await ExactlyAsync(input, shapeBytes, "shape", cancellationToken);
        var shape = new int[rank];
        var total = 1L;
        for (var axis = 0; axis < rank; axis++)
        {
            shape[axis] = ToInt32(shapeBytes, axis * sizeof(int));
            if (shape[axis] < 0)
            {
                throw new InvalidDataException($"negative dimension {shape[axis]}");
            }
            total *= shape[axis];
            if (total > MaxValues)
            {
                throw new InvalidDataException($"shape too large: more than {MaxValues} values");
            }
        }

        var raw = new byte[total * sizeof(float)];
        await ExactlyAsync(input, raw, "values", cancellationToken);
        var values = new float[total];
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = BitConverter.Int32BitsToSingle(ToInt32(raw, k * sizeof(float)));
        }
        return new Batch(index, shape, values);
    }

    private static int ToInt32(byte[] bytes, int offset) =>
        bytes[offset] | bytes[offset + 1] << 8 | bytes[offset + 2] << 16 | bytes[offset + 3] << 24;

    /// <summary>Reads until the buffer is full or the stream ends; returns how many bytes arrived.</summary>
    private static async Task<int> FillAsync(Stream input, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var n = await input.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (n == 0)
            {
                break;
            }
            filled += n;
        }
        return filled;
    }

    private static async Task ExactlyAsync(Stream input, byte[] buffer, string what, CancellationToken cancellationToken)
    {
        var got = await FillAsync(input, buffer, cancellationToken);
        if (got != buffer.Length)
        {
            throw new EndOfStreamException($"cut frame: {got} of {buffer.Length} bytes of its {what}");
        }
    }
}
