using System.Globalization;
using ExerciseKit.Grading;
using ExerciseKit.Grading.Torch;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.LogisticRegression;

/// <summary>A wrong answer the grader recognises: what it would return, and what to tell the learner.</summary>
internal sealed record Mistake(Func<Tensor, Tensor> WouldReturn, string Advice);

/// <summary>Compares a learner's tensor with the expected one and, when they differ, names the likely mistake.</summary>
internal static class Verdict
{
    public const double RelativeTolerance = 1e-5;
    public const double AbsoluteTolerance = 1e-8;

    public static void Close(Tensor? actual, Tensor expected, string what, params Mistake[] mistakes)
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
            actual.isfinite().all().item<bool>(),
            $"{what}: returned non-finite values {Values(actual)} (expected {Values(expected)}). "
                + "Something overflowed: exp() of a large logit is ∞ and log(0) is −∞. Use a numerically stable form."
        );
        if (IsClose(actual, expected))
        {
            return;
        }

        var recognised = mistakes.FirstOrDefault(m => IsClose(actual, m.WouldReturn(expected)));
        var advice = recognised?.Advice ?? $"Largest difference: {MaxDifference(actual, expected)}.";
        throw new GradingFailure($"{what}: {advice}\n  expected {Values(expected)}\n  got      {Values(actual)}");
    }

    public static bool IsClose(Tensor actual, Tensor expected) =>
        actual.shape.SequenceEqual(expected.shape) && actual.allclose(expected, rtol: RelativeTolerance, atol: AbsoluteTolerance);

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

    private static string MaxDifference(Tensor actual, Tensor expected)
    {
        using var diff = (actual - expected).abs().flatten();
        var index = diff.argmax().item<long>();
        var a = actual.flatten()[index].item<double>();
        var e = expected.flatten()[index].item<double>();
        return string.Create(CultureInfo.InvariantCulture, $"at flat index {index} expected {e:G6}, got {a:G6}");
    }
}
