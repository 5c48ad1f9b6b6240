namespace ExerciseKit.Host;

public enum TestVerdict
{
    Passed,
    Failed,

    /// <summary>The learner's code threw NotImplementedException: the task is not started.</summary>
    NotImplemented,

    /// <summary>
    /// A grader that times code found the machine too busy to measure fairly: scores nothing yet, and asks for a
    /// regrade on a quiet machine. Never the learner's failure.
    /// </summary>
    NotMeasured,
}
