namespace ExerciseKit.Host.Reports;

public enum ItemOutcome
{
    Passed,
    Failed,

    /// <summary>Not gradable at all: the build failed or the graders could not run.</summary>
    Error,

    /// <summary>The machine was too busy to time the code: no points yet, to be graded again (never a failure).</summary>
    NotMeasured,
}
