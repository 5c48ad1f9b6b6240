using System.Diagnostics;
using System.Runtime.InteropServices;
using ExerciseKit.Exercises.LogisticRegression;
using ExerciseKit.Grading;

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
                $"{what}: a tensor operation{Where(e)} failed with \"{first}\". "
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

    /// <summary>" in SoftmaxRegression.Gradient (line 31)": the innermost frame of the learner's own code.</summary>
    private static string Where(Exception e)
    {
        var learnerNamespace = typeof(BinaryLogistic).Namespace;
        foreach (var frame in new StackTrace(e, fNeedFileInfo: true).GetFrames())
        {
            var type = frame.GetMethod()?.DeclaringType;
            while (type is { DeclaringType: not null } && type.Name.Contains('<', StringComparison.Ordinal))
            {
                type = type.DeclaringType; // a lambda's or local function's closure class: name the method around it
            }

            if (type is null || type.Namespace != learnerNamespace)
            {
                continue;
            }

            var method = frame.GetMethod()!.Name;
            method =
                method.StartsWith('<') && method.IndexOf('>', StringComparison.Ordinal) > 1
                    ? method[1..method.IndexOf('>', StringComparison.Ordinal)]
                    : method;
            var line = frame.GetFileLineNumber();
            return $" in {type.Name}.{method}" + (line > 0 ? $" (line {line})" : "");
        }

        return "";
    }
}
