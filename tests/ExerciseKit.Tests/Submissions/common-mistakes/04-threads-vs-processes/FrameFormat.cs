namespace ExerciseKit.Exercises.LoadingStages;

// A correct FrameFormat written with BinaryReader/BinaryWriter (both little-endian), so that the mistakes elsewhere show.
public static partial class FrameFormat
{
    public static void Write(Stream output, Batch batch)
    {
        using var writer = new BinaryWriter(output, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(batch.Index);
        writer.Write(batch.Shape.Length);
        Array.ForEach(batch.Shape, writer.Write);
        Array.ForEach(batch.Values, writer.Write);
    }

    public static async ValueTask<Batch?> ReadAsync(Stream input, CancellationToken cancellationToken = default)
    {
        var first = new byte[1];
        if (await input.ReadAsync(first, cancellationToken) == 0)
        {
            return null;
        }
        var magic = new byte[4];
        magic[0] = first[0];
        await Exactly(input, magic.AsMemory(1), cancellationToken);
        if (!magic.AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException("not a frame");
        }
        var reader = new BinaryReader(new MemoryStream(await Exactly(input, new byte[8], cancellationToken)));
        var index = reader.ReadInt32();
        var rank = reader.ReadInt32();
        if (rank is < 0 or > MaxRank)
        {
            throw new InvalidDataException($"rank {rank}");
        }
        reader = new BinaryReader(new MemoryStream(await Exactly(input, new byte[4 * rank], cancellationToken)));
        var shape = Enumerable.Range(0, rank).Select(_ => reader.ReadInt32()).ToArray();
        var count = shape.Aggregate(
            1L,
            (product, d) => d < 0 || product * d > MaxValues ? throw new InvalidDataException("shape") : product * d
        );
        var values = new float[count];
        Buffer.BlockCopy(await Exactly(input, new byte[4 * count], cancellationToken), 0, values, 0, (int)(4 * count));
        return new Batch(index, shape, values);
    }

    private static async Task<byte[]> Exactly(Stream input, byte[] buffer, CancellationToken cancellationToken)
    {
        await input.ReadExactlyAsync(buffer, cancellationToken);
        return buffer;
    }

    private static async Task Exactly(Stream input, Memory<byte> buffer, CancellationToken cancellationToken) =>
        await input.ReadExactlyAsync(buffer, cancellationToken);
}
