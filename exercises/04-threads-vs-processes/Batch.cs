namespace ExerciseKit.Exercises.LoadingStages;

/// <summary>
/// One batch as the processing stage receives it: its position in the epoch, a shape, and the values in row-major
/// order (Values.Length is the product of Shape; a shape of [] holds one value).
/// </summary>
public sealed record Batch(int Index, int[] Shape, float[] Values)
{
    public static int CountOf(IReadOnlyList<int> shape)
    {
        long count = 1;
        foreach (var dimension in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dimension);
            count *= dimension;
            if (count > int.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(shape), $"a batch of shape [{string.Join(", ", shape)}] is too large");
            }
        }
        return (int)count;
    }
}
