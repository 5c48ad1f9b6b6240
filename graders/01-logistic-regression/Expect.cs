using System.Globalization;
using ExerciseKit.Grading;
using ExerciseKit.Grading.Torch;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.LogisticRegression;

/// <summary>A wrong answer the grader recognises: what it would return, and what to tell the learner.</summary>
internal sealed record Mistake(Func<Tensor, Tensor> WouldReturn, string Advice);

/// <summary>Compares a learner's tensor with the expected one and, when they differ, names the likely mistake.</summary>
internal static class Expect
{
    /// <summary>
    /// Every input is float64, whose values carry about 16 significant digits; sums taken in another order differ
    /// by a few units in the last place. A float32 step leaves only about 7 digits, far outside these tolerances.
    /// </summary>
    public const double RelativeTolerance = 1e-9;
    public const double AbsoluteTolerance = 1e-12;

    /// <summary>How closely a wrong answer must resemble a known mistake (or float32 arithmetic) to be named.</summary>
    private const double LooseRelativeTolerance = 1e-5;
    private const double LooseAbsoluteTolerance = 1e-8;

    public static void Close(Tensor? actual, Tensor expected, string what, params Mistake[] mistakes)
    {
        Usable(actual, expected, what);
        if (IsClose(actual!, expected))
        {
            return;
        }

        // Digits lost to float32 are told apart first; a mistake is named only when it changes the answer (for n = 1,
        // "n times too large" is the right answer) and the learner's answer resembles it.
        string advice;
        if (Resembles(actual!, expected))
        {
            advice =
                $"Right to about {SignificantDigits(actual!, expected)} significant digits, not to the ~16 of float64. {MaxDifference(actual!, expected, precise: true)}. "
                + "Float32 arithmetic agrees to about 7 digits: keep every tensor and constant in float64 (no .to(float32), no float32 tensors or arrays in between); "
                + "an ε added to avoid log(0), or a clamp, costs digits the same way.";
        }
        else
        {
            var recognised = mistakes
                .Select(m => (m.Advice, Result: m.WouldReturn(expected)))
                .FirstOrDefault(m => !Resembles(m.Result, expected) && Resembles(actual!, m.Result));
            advice = recognised.Advice ?? $"Largest difference: {MaxDifference(actual!, expected, precise: false)}.";
        }

        throw new GradingFailure($"{what}: {advice}\n  expected {Values(expected)}\n  got      {Values(actual!)}");
    }

    /// <summary>Not null, float64, the expected shape and finite: what every comparison needs first.</summary>
    public static void Usable(Tensor? actual, Tensor expected, string what, bool requireFinite = true)
    {
        GradingFailure.Unless(actual is not null, $"{what}: returned null.");
        GradingFailure.Unless(
            actual!.dtype == ScalarType.Float64,
            $"{what}: returned {actual.dtype}, expected Float64. Keep every intermediate in float64 (no .to(float32); note that tensor.sum(0) means sum(dtype: Byte) — write sum(dim: 0))."
        );
        GradingFailure.Unless(
            actual.shape.SequenceEqual(expected.shape),
            $"{what}: returned shape {Shape(actual)}, expected {Shape(expected)}. {ShapeAdvice(actual, expected)}"
        );
        GradingFailure.Unless(
            !requireFinite || actual.isfinite().all().item<bool>(),
            $"{what}: returned non-finite values {Values(actual)} (expected {Values(expected)}), the first {Index(FirstNonFinite(actual), actual)}. "
                + "Something overflowed: exp() of a large logit is ∞ and log(0) is −∞. Use a numerically stable form."
        );
    }

    public static bool IsClose(Tensor actual, Tensor expected) =>
        actual.shape.SequenceEqual(expected.shape) && actual.allclose(expected, rtol: RelativeTolerance, atol: AbsoluteTolerance);

    private static bool Resembles(Tensor actual, Tensor expected) =>
        actual.shape.SequenceEqual(expected.shape) && actual.allclose(expected, rtol: LooseRelativeTolerance, atol: LooseAbsoluteTolerance);

    public static string Values(Tensor t) => TensorText.Values(t, shown: 6, "G4", sayHowMany: true);

    private static string Shape(Tensor t) => TensorText.Shape(t);

    private static string ShapeAdvice(Tensor actual, Tensor expected)
    {
        if (actual.numel() == expected.numel())
        {
            return "Same number of values in another layout: check transposes, keepdim and squeeze/unsqueeze.";
        }

        return "Most likely you reduced (sum/mean) over the wrong axis, or not at all: axis 0 runs over samples, axis 1 over features or classes.";
    }

    private static string MaxDifference(Tensor actual, Tensor expected, bool precise)
    {
        using var diff = (actual - expected).abs().flatten();
        var index = diff.argmax().item<long>();
        var a = actual.flatten()[index].item<double>();
        var e = expected.flatten()[index].item<double>();
        return precise
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"The largest difference is {Index(index, actual)}: expected {e:G17}, got {a:G17}"
            )
            : string.Create(CultureInfo.InvariantCulture, $"{Index(index, actual)} expected {e:G6}, got {a:G6}");
    }

    /// <summary>About how many leading digits agree, judged by the largest relative difference.</summary>
    private static int SignificantDigits(Tensor actual, Tensor expected)
    {
        using var relative = (actual - expected).abs() / (expected.abs() + LooseAbsoluteTolerance);
        var worst = relative.max().item<double>();
        return worst <= 0 ? 16 : Math.Clamp((int)Math.Floor(-Math.Log10(worst)), 0, 16);
    }

    private static long FirstNonFinite(Tensor t)
    {
        using var bad = t.isfinite().logical_not().flatten().nonzero();
        return bad.numel() == 0 ? 0 : bad[0, 0].item<long>();
    }

    /// <summary>Where a flat index lies: "at [2]" in a vector, "at row 1, column 3" in a matrix.</summary>
    private static string Index(long flat, Tensor t) =>
        t.shape.Length switch
        {
            0 => "in the scalar",
            1 => $"at [{flat}]",
            2 => $"at row {flat / t.shape[1]}, column {flat % t.shape[1]}",
            _ => $"at flat index {flat}",
        };
}
