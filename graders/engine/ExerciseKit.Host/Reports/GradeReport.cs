namespace ExerciseKit.Host.Reports;

/// <summary>Everything one `grade` run produced, in the order the exercises were graded.</summary>
public sealed record GradeReport(string Source, IReadOnlyList<ExerciseResult> Results, string Root, DateTimeOffset GradedAt)
{
    public IReadOnlyList<GradedItem> Items { get; } = [.. Results.SelectMany(r => GradedItem.From(r, path => RelativeTo(Root, path)))];

    public int Points => Items.Sum(i => i.Points);

    /// <summary>From metadata, so that a grader that never reported cannot shrink it.</summary>
    public int MaxPoints => Results.Sum(r => r.MaxPoints);

    public string Relative(string path) => RelativeTo(Root, path);

    /// <summary>Relative to the root; with an empty root (a student's feedback), the file name alone.</summary>
    private static string RelativeTo(string root, string path) =>
        !Path.IsPathRooted(path) ? path
        : root.Length == 0 ? Path.GetFileName(path)
        : Path.GetRelativePath(root, path).Replace('\\', '/');
}
