namespace ExerciseKit.Host.Classroom;

/// <summary>One student's row: points per exercise (null when the exercise could not be graded at all) and a note.</summary>
public sealed record GradebookRow(string StudentId, IReadOnlyDictionary<string, int?> Points, string Note)
{
    public int Total => Points.Values.Sum(p => p ?? 0);
}
