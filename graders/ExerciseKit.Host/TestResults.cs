using ExerciseKit.Grading;

namespace ExerciseKit.Host;

public enum TestVerdict
{
    Passed,
    Failed,

    /// <summary>The learner's code threw NotImplementedException: the task is not started.</summary>
    NotImplemented,
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

public sealed record TestResult(GraderTest Test, TestVerdict Verdict, string Message, TimeSpan Duration)
{
    public int PointsEarned => Verdict == TestVerdict.Passed ? Test.Points : 0;
}
