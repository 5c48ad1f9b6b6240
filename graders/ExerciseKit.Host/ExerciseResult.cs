namespace ExerciseKit.Host;

public enum ExerciseStatus
{
    /// <summary>Nothing attempted yet: every test hit a NotImplementedException.</summary>
    Unsolved,

    /// <summary>The learner's code (or the graders) did not compile.</summary>
    BuildFailed,

    /// <summary>The graders could not be run or listed at all.</summary>
    GraderError,
    Failing,
    Passing,
}

public sealed record ExerciseResult(
    ExerciseMetadata Exercise,
    IReadOnlyList<TestResult> Tests,
    IReadOnlyList<BuildDiagnostic> BuildErrors,
    string? GraderError,
    TimeSpan Elapsed
)
{
    public int PointsEarned => Tests.Sum(t => t.PointsEarned);

    /// <summary>From metadata, not from what ran: a test that never reported cannot shrink the total.</summary>
    public int MaxPoints => Exercise.MaxPoints;

    public ExerciseStatus Status =>
        BuildErrors.Count > 0 ? ExerciseStatus.BuildFailed
        : GraderError is not null || Tests.Count == 0 ? ExerciseStatus.GraderError
        : Tests.All(t => t.Verdict == TestVerdict.Passed) ? ExerciseStatus.Passing
        : Tests.All(t => t.Verdict == TestVerdict.NotImplemented) ? ExerciseStatus.Unsolved
        : ExerciseStatus.Failing;
}
