using ExerciseKit.Grading;

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

public enum Visibility
{
    Public,
    Hidden,
}

/// <summary>A grader test as discovered from the grader assembly, before it runs.</summary>
public sealed record GraderTest(string Id, string Name, string Task, int Points, Visibility Visibility)
{
    /// <summary>Builds a test from xunit discovery data; null traits mean the test lacks [Graded].</summary>
    public static GraderTest FromTraits(string id, string name, IReadOnlyDictionary<string, string> traits)
    {
        traits.TryGetValue(GraderTraits.Task, out var task);
        traits.TryGetValue(GraderTraits.Points, out var points);
        traits.TryGetValue(GraderTraits.Visibility, out var visibility);
        return new GraderTest(
            id,
            name,
            task ?? "",
            int.TryParse(points, out var p) ? p : 0,
            visibility == GraderTraits.Hidden ? Visibility.Hidden : Visibility.Public
        );
    }
}

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
