namespace ExerciseKit.Host.Classroom;

/// <summary>One student's grade: the results per exercise, or the reason nothing could be graded.</summary>
public sealed record StudentGrade(
    string StudentId,
    IReadOnlyList<ExerciseResult> Results,
    IReadOnlyList<string> Ignored,
    string? Problem,
    int MaxPoints,
    TimeSpan Elapsed,
    IReadOnlyList<string>? SkippedEntries = null
)
{
    /// <summary>What staging skipped without reading it (symbolic links, unsafe names), escaped for display.</summary>
    public IReadOnlyList<string> Skipped => SkippedEntries ?? [];

    public int PointsEarned => Results.Sum(r => r.PointsEarned);
}
