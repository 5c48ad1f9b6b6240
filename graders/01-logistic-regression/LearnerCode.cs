using System.Runtime.InteropServices;
using ExerciseKit.Grading;
using ExerciseKit.Grading.Boundary;

namespace ExerciseKit.Graders.LogisticRegression;

/// <summary>
/// Runs learner code and turns an error raised inside TorchSharp into feedback that says which call failed, where
/// in the learner's code, and what such an error usually means, instead of a raw native exception.
/// </summary>
internal static class LearnerCode
{
    public static T Call<T>(string what, Func<T> learnerCode) => Call(what, learnerCode, autogradSwitchedOff: false);

    public static T Call<T>(string what, Func<T> learnerCode, bool autogradSwitchedOff)
    {
        try
        {
            return learnerCode();
        }
        catch (ExternalException e)
        {
            var first = e.Message.Split('\n')[0].Trim();
            if (autogradSwitchedOff && IsAutogradError(first))
            {
                throw new GradingFailure(
                    $"{what}: autograd is switched off while the graders call your code, and it failed with \"{first}\". "
                        + "This exercise asks for the gradient derived by hand: no backward(), requires_grad or torch.autograd."
                );
            }

            throw new GradingFailure(
                $"{what}: a tensor operation{LearnerFaults.Where(e)} failed with \"{first}\". "
                    + "Such errors usually mean that two tensors' shapes do not fit together (print .shape of its operands) "
                    + "or that an index tensor has the wrong number of dimensions or a dtype other than int64."
            );
        }
    }

    /// <summary>
    /// Errors that autograd raises when it is off: "element 0 of tensors does not require grad and does not have a
    /// grad_fn" and its relatives. Only the first line counts: the native stack trace below it names autograd's
    /// dispatch frames for every operation, whatever failed.
    /// </summary>
    private static bool IsAutogradError(string firstLine) =>
        new[] { "require grad", "requires grad", "requires_grad", "grad_fn", "autograd", "does not have a grad" }.Any(marker =>
            firstLine.Contains(marker, StringComparison.OrdinalIgnoreCase)
        );
}
