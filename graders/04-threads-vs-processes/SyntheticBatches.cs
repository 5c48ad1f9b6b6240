using ExerciseKit.Grading.Boundary;

namespace ExerciseKit.Graders.LoadingStages;

/// <summary>
/// The settings of the exercise's SyntheticBatches, and the batches it must produce, computed here from the same
/// documented recipe (every value from seed, index and position by rounds of SplitMix64 mixing, some of them awkward
/// on purpose): expected values never come from the process that runs the learner's code.
/// </summary>
public sealed class SyntheticBatches(int seed, int count, IReadOnlyList<int> shape, int work = 16)
{
    public int Seed { get; } = seed;

    public int Count { get; } = count;

    public IReadOnlyList<int> Shape { get; } = shape;

    public int Work { get; } = work;

    /// <summary>The learner's SyntheticBatches with these settings, made in the subject.</summary>
    public IBatchSource InSubject() => Learner.New<ISyntheticSource>(Seed, Count, Shape, Work);

    public Batch Load(int index)
    {
        var values = new float[Batch.CountOf(Shape)];
        for (var position = 0; position < values.Length; position++)
        {
            values[position] = ValueAt(index, position);
        }
        return new Batch(index, [.. Shape], values);
    }

    private float ValueAt(int index, int position)
    {
        var state = Mix(Mix(Mix((ulong)Seed) ^ (ulong)index) ^ (ulong)position);
        for (var round = 0; round < Work; round++)
        {
            state = Mix(state);
        }
        return (state % 53) switch
        {
            0 => BitConverter.Int32BitsToSingle(0x7FC00000 | (int)(state >> 42)),
            1 => -0f,
            2 => float.Epsilon,
            3 => float.PositiveInfinity,
            4 => float.NegativeInfinity,
            _ => (float)(((state >> 11) * (1.0 / (1UL << 53)) * 2 - 1) * 100),
        };
    }

    private static ulong Mix(ulong value)
    {
        value += 0x9E3779B97F4A7C15;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EB;
        return value ^ (value >> 31);
    }
}
