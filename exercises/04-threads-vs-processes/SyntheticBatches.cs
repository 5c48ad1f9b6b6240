namespace ExerciseKit.Exercises.LoadingStages;

/// <summary>
/// A stand-in for "read a file and decode it": every value of every batch is computed from (seed, index, position)
/// by <c>work</c> rounds of integer mixing, so loading costs CPU time and always gives the same bits. Some values
/// are deliberately awkward — NaN with a payload, -0, the smallest subnormal, ±infinity — so that a copy which is
/// not bit-exact shows.
/// </summary>
public sealed class SyntheticBatches : IBatchSource
{
    private readonly int seed;
    private readonly int[] shape;
    private readonly int work;

    public SyntheticBatches(int seed, int count, IReadOnlyList<int> shape, int work = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(work);
        _ = Batch.CountOf(shape);
        this.seed = seed;
        this.shape = [.. shape];
        this.work = work;
        Count = count;
    }

    public int Count { get; }

    public Batch Load(int index, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var values = new float[Batch.CountOf(shape)];
        for (var position = 0; position < values.Length; position++)
        {
            if (position % 256 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
            values[position] = ValueAt(index, position);
        }
        return new Batch(index, [.. shape], values);
    }

    private float ValueAt(int index, int position)
    {
        var state = Mix(Mix(Mix((ulong)seed) ^ (ulong)index) ^ (ulong)position);
        for (var round = 0; round < work; round++)
        {
            state = Mix(state);
        }
        return (state % 53) switch
        {
            0 => BitConverter.Int32BitsToSingle(0x7FC00000 | (int)(state >> 42)), // a quiet NaN carrying a payload
            1 => -0f,
            2 => float.Epsilon,
            3 => float.PositiveInfinity,
            4 => float.NegativeInfinity,
            _ => (float)(((state >> 11) * (1.0 / (1UL << 53)) * 2 - 1) * 100),
        };
    }

    // SplitMix64's finaliser: cheap, and every input bit affects every output bit.
    private static ulong Mix(ulong value)
    {
        value += 0x9E3779B97F4A7C15;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EB;
        return value ^ (value >> 31);
    }
}
