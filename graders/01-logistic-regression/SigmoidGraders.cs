using System.Globalization;
using ExerciseKit.Grading;
using Xunit;
using static ExerciseKit.Graders.LogisticRegression.LearnerTypes;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.LogisticRegression;

public sealed class SigmoidGraders
{
    private static readonly Mistake SignFlipped = new(e => 1 - e, "You computed σ(−z) = 1 − σ(z): check the sign inside the exponential.");

    [Fact, Graded("sigmoid", 1)]
    public void Sigmoid_matches_torch_on_random_logits()
    {
        using var scope = NewDisposeScope();
        foreach (var seed in new[] { 1, 2, 3 })
        {
            using var generator = new Generator((ulong)seed);
            var z = randn([4, 5], float64, generator: generator) * 10;
            Expect.Close(
                LearnerCode.Call("Sigmoid", () => BinaryLogistic.Sigmoid(z)),
                sigmoid(z),
                $"Sigmoid(z) for z of shape [4, 5] with values up to ±30 (seed {seed})",
                SignFlipped
            );
        }
    }

    [Fact, Graded("sigmoid", 2, Hidden = true)]
    public void Sigmoid_is_finite_and_exact_at_extreme_logits()
    {
        using var scope = NewDisposeScope();
        var z = tensor(new double[] { -1000, -745, -40, -1, 0, 1, 40, 745, 1000 });
        Expect.Close(
            LearnerCode.Call("Sigmoid", () => BinaryLogistic.Sigmoid(z)),
            sigmoid(z),
            "Sigmoid(z) for z = [−1000, −745, −40, −1, 0, 1, 40, 745, 1000] (e^1000 overflows to ∞ in float64)",
            SignFlipped
        );
        var (pz, fromPyTorch) = PyTorchValues.ExtremeSigmoid;
        Expect.Close(
            LearnerCode.Call("Sigmoid", () => BinaryLogistic.Sigmoid(pz)),
            fromPyTorch,
            $"Sigmoid(z) for z = {Expect.Values(pz)} (expected values from PyTorch)",
            SignFlipped
        );
    }

    /// <summary>
    /// Far out, σ(z) is tiny (z ≪ 0) or rounds to 1 (z ≫ 0), and float64 still holds it to ~16 digits as long as
    /// e^z itself does not overflow (|z| ≤ 709). An absolute tolerance would call 1e-13 "close" to 4e-18, so every
    /// element is compared by its relative error. Expected values come from System.Math, not from TorchSharp.
    /// </summary>
    [Fact, Graded("sigmoid", 1)]
    public void Sigmoid_keeps_every_digit_far_into_both_tails()
    {
        using var scope = NewDisposeScope();
        double[] logits = [-708, -500, -300, -100, -40, -37, -20, -5, 0, 5, 20, 37, 40, 100, 300, 500, 708];
        var z = tensor(logits);
        var actual = LearnerCode.Call("Sigmoid", () => BinaryLogistic.Sigmoid(z));
        var expected = tensor(logits.Select(Exact).ToArray());
        var what = $"Sigmoid(z) for z = {List(logits)}";
        Expect.Usable(actual, expected, what);

        var got = actual.detach().contiguous().data<double>().ToArray();
        var first = Enumerable.Range(0, logits.Length).FirstOrDefault(i => RelativeError(got[i], Exact(logits[i])) > TailTolerance, -1);
        if (first < 0)
        {
            return;
        }

        // Two far-apart negative logits with the same answer: the logits were cut off somewhere.
        var flat = got[Array.IndexOf(logits, -100.0)] == got[Array.IndexOf(logits, -300.0)] && got[Array.IndexOf(logits, -100.0)] > 0;
        var advice = flat
            ? "Your σ(−100) and σ(−300) are the same number, so the logits were clamped or cut off: σ(−100) = e^−100/(1 + e^−100) ≈ 3.7e-44 is tiny but "
                + "perfectly representable, and e^z only overflows for z > 709. The stable form needs no clamp: e^z/(1 + e^z) for z < 0, 1/(1 + e^−z) for z ≥ 0."
            : "Far into the tails σ(z) is tiny (z ≪ 0) or within a hair of 1 (z ≫ 0), and float64 still holds it to about 16 digits: "
                + "compute e^z/(1 + e^z) for z < 0 and 1/(1 + e^−z) for z ≥ 0, with nothing clamped, rounded or approximated in between.";
        throw new GradingFailure(
            string.Create(
                CultureInfo.InvariantCulture,
                $"{what}: at z = {logits[first]:G} expected {Exact(logits[first]):G17}, got {got[first]:G17} "
                    + $"(relative error {RelativeError(got[first], Exact(logits[first])):G3}; allowed {TailTolerance:G1}). {advice}"
            )
        );
    }

    private const double TailTolerance = 1e-12;

    private static double Exact(double z) => z < 0 ? Math.Exp(z) / (1 + Math.Exp(z)) : 1 / (1 + Math.Exp(-z));

    private static double RelativeError(double actual, double expected) => Math.Abs(actual - expected) / Math.Abs(expected);

    private static string List(double[] values) =>
        "[" + string.Join(", ", values.Select(v => v.ToString("G", CultureInfo.InvariantCulture))) + "]";
}
