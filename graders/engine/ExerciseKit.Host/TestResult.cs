namespace ExerciseKit.Host;

/// <param name="FromHost">The message is the host's (a timeout, a missing result), not the grader's.</param>
public sealed record TestResult(GraderTest Test, TestVerdict Verdict, string Message, TimeSpan Duration, bool FromHost = false)
{
    public const string HiddenFailure = "A hidden grader failed. Re-read the task in the README; the public graders show similar cases.";

    public int PointsEarned => Verdict == TestVerdict.Passed ? Test.Points : 0;

    /// <summary>
    /// What a learner may read. A hidden grader's own message can quote its inputs, so only the fact that it failed
    /// is shown; a stub's "not implemented" sentence and the host's own messages (timeouts) are shown as they are.
    /// </summary>
    public string LearnerMessage =>
        Verdict == TestVerdict.Passed ? ""
        : Test.Visibility == Visibility.Hidden && Verdict == TestVerdict.Failed && !FromHost ? HiddenFailure
        : Message;
}
