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

    /// <summary>Every test passed but for some the machine was too busy to measure: grade again on a quiet machine.</summary>
    NotMeasured,
}
