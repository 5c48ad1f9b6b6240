using ExerciseKit.Grading;
using Xunit;
using static ExerciseKit.Graders.LogisticRegression.LearnerTypes;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.LogisticRegression;

public sealed class BinaryGradientGraders
{
    [Fact, Graded("binary-gradient", 3)]
    public void Gradient_matches_autograd()
    {
        using var scope = NewDisposeScope();
        foreach (var (seed, n, d) in Problems.BinaryShapes)
        {
            var p = Problems.Binary(seed, n, d);
            RequireGradient(p, Reference.Binary(p).Gradient);
        }

        foreach (var (p, _, expected) in PyTorchValues.Binary)
        {
            RequireGradient(p, expected);
        }
    }

    [Fact, Graded("binary-gradient", 1, Hidden = true)]
    public void Gradient_agrees_with_finite_differences_of_your_loss()
    {
        using var scope = NewDisposeScope();
        var p = Problems.Binary(seed: 21, n: 10, d: 4);
        var analytic = HandDerived.Call($"Gradient for {p.Description}", () => BinaryLogistic.Gradient(p.X, p.Y, p.W, p.B));
        var numeric = FiniteDifferences.Of(p.W, p.B, (w, b) => BinaryLogistic.Loss(p.X, p.Y, w, b));
        RequireAgreement("dLoss/dw", analytic.Weights, numeric.Weights);
        RequireAgreement("dLoss/db", analytic.Bias, numeric.Bias);
    }

    private static void RequireAgreement(string what, Tensor analytic, Tensor numeric)
    {
        if (FiniteDifferences.Agree(analytic, numeric))
        {
            return;
        }

        var advice = FiniteDifferences.Agree(-analytic, numeric)
            ? "It has the opposite sign of the slope: dL/dz is σ(z) − y (prediction minus label), not y − σ(z)."
            : "If Loss is right, re-derive dL/dz = (σ(z) − y)/n and the chain rule through z = x·w + b.";
        throw new GradingFailure(
            $"Your Gradient does not match the slope of your own Loss, measured by central differences (ε = 1e-6). {advice}\n"
                + $"  {what} by differences {Expect.Values(numeric)}\n  your Gradient          {Expect.Values(analytic)}"
        );
    }

    [Fact, Graded("binary-gradient", 1, Hidden = true)]
    public void Gradient_is_finite_for_logits_of_plus_minus_1000()
    {
        using var scope = NewDisposeScope();
        var p = Problems.HugeLogits();
        RequireGradient(p, Reference.Binary(p).Gradient);
        foreach (var (large, _, fromPyTorch) in PyTorchValues.ExtremeBinary)
        {
            RequireGradient(large, fromPyTorch);
        }
    }

    private static void RequireGradient(BinaryProblem p, Parameters expected)
    {
        var actual = HandDerived.Call($"Gradient for {p.Description}", () => BinaryLogistic.Gradient(p.X, p.Y, p.W, p.B));
        GradingFailure.Unless(actual is not null, $"Gradient for {p.Description}: returned null.");
        Expect.Close(actual!.Weights, expected.Weights, $"dLoss/dw for {p.Description}", GradientMistakes(p.X.shape[0]));
        Expect.Close(actual.Bias, expected.Bias, $"dLoss/db for {p.Description}", GradientMistakes(p.X.shape[0]));
    }

    internal static Mistake[] GradientMistakes(long n) =>
        [
            new(e => -e, "The sign is flipped: dL/dz is σ(z) − y (prediction minus label), not y − σ(z)."),
            new(e => e * n, $"It is n = {n} times too large: the loss is a mean, so its gradient carries a factor 1/n."),
            new(e => e / n, $"It is n = {n} times too small: you divided by n twice."),
        ];
}
