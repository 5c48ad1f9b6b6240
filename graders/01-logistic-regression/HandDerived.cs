using ExerciseKit.Grading.Boundary;

namespace ExerciseKit.Graders.LogisticRegression;

/// <summary>
/// Calls learner code that must compute gradients by hand with autograd switched off (in the subject, where it runs),
/// so that a solution built on backward() fails with a message that says why. (The analyzers flag it in the source as well.)
/// </summary>
internal static class HandDerived
{
    public static T Call<T>(string what, Func<T> learnerCode)
    {
        using var autogradOff = Learner.AutogradOff();
        return LearnerCode.Call(what, learnerCode, autogradSwitchedOff: true);
    }
}
