using System.Runtime.InteropServices;
using ExerciseKit.Grading;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.LogisticRegression;

/// <summary>
/// Calls learner code that must compute gradients by hand with autograd switched off, so that a solution built on
/// backward() fails with a message that says why. (The analyzers flag it in the source as well.)
/// </summary>
internal static class HandDerived
{
    public static T Call<T>(string what, Func<T> learnerCode)
    {
        using var noGrad = no_grad();
        try
        {
            return learnerCode();
        }
        catch (ExternalException e) when (e.Message.Contains("grad", StringComparison.OrdinalIgnoreCase))
        {
            var first = e.Message.Split('\n')[0];
            throw new GradingFailure(
                $"{what}: autograd is switched off while the graders call your code, and it failed with \"{first}\". "
                    + "This exercise asks for the gradient derived by hand: no backward(), requires_grad or torch.autograd."
            );
        }
    }
}
