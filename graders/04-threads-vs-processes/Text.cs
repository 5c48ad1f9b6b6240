namespace ExerciseKit.Graders.LoadingStages;

internal static class Text
{
    /// <summary>"0, 1, 2, …, 31" — the first few and the last of a long list.</summary>
    public static string Indices(IEnumerable<int> indices)
    {
        var all = indices.ToList();
        return all.Count <= 12 ? $"[{string.Join(", ", all)}]" : $"[{string.Join(", ", all.Take(10))}, …, {all[^1]}] ({all.Count} in all)";
    }

    public static string Bits(float value) => $"0x{BitConverter.SingleToInt32Bits(value):X8} ({value})";
}
