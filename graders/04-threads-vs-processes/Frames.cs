using System.Buffers.Binary;

namespace ExerciseKit.Graders.LoadingStages;

/// <summary>The graders' own encoding of the documented layout, so that reading is graded against the spec, not against your Write.</summary>
internal static class Frames
{
    public static byte[] Encode(params Batch[] batches)
    {
        var bytes = new List<byte>();
        foreach (var batch in batches)
        {
            bytes.AddRange("EKB1"u8.ToArray());
            Int32(bytes, batch.Index);
            Int32(bytes, batch.Shape.Length);
            foreach (var dimension in batch.Shape)
            {
                Int32(bytes, dimension);
            }
            foreach (var value in batch.Values)
            {
                Int32(bytes, BitConverter.SingleToInt32Bits(value));
            }
        }
        return [.. bytes];
    }

    /// <summary>A header (magic, index, rank, shape) with no values after it.</summary>
    public static byte[] Header(int index, int rank, params int[] shape)
    {
        var bytes = new List<byte>("EKB1"u8.ToArray());
        Int32(bytes, index);
        Int32(bytes, rank);
        foreach (var dimension in shape)
        {
            Int32(bytes, dimension);
        }
        return [.. bytes];
    }

    /// <summary>Awkward values: NaN with a payload, -0, the smallest subnormal, ±∞, and ordinary numbers.</summary>
    public static Batch Awkward(int index, params int[] shape)
    {
        var values = new float[Batch.CountOf(shape)];
        float[] specials =
        [
            BitConverter.Int32BitsToSingle(0x7FC0BEEF),
            -0f,
            float.Epsilon,
            float.PositiveInfinity,
            float.NegativeInfinity,
            1.5f,
        ];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i < specials.Length ? specials[i] : i * 0.25f - 3;
        }
        return new Batch(index, shape, values);
    }

    private static void Int32(List<byte> bytes, int value)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(four, value);
        bytes.AddRange(four.ToArray());
    }
}
