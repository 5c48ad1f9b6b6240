using Xunit.Sdk;

namespace ExerciseKit.Grading;

/// <summary>
/// A grader's verdict written for the learner: what went in, what was expected, what came back and the
/// likely cause. Marked as an assertion failure so runners print the message without an exception name.
/// </summary>
public sealed class GradingFailure(string message) : Exception(message), IAssertionException
{
    public static void Unless(bool condition, string message)
    {
        if (!condition)
        {
            throw new GradingFailure(message);
        }
    }
}
