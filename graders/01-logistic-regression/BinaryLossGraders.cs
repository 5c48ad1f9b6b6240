using ExerciseKit.Grading;
using Xunit;
using static ExerciseKit.Graders.LogisticRegression.LearnerTypes;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.LogisticRegression;

public sealed class BinaryLossGraders
{
    [Fact, Graded("binary-loss", 2)]
    public void Loss_matches_torch_binary_cross_entropy_with_logits()
    {
        using var scope = NewDisposeScope();
        foreach (var (seed, n, d) in Problems.BinaryShapes)
        {
            var p = Problems.Binary(seed, n, d);
            Expect.Close(
                LearnerCode.Call("Loss", () => BinaryLogistic.Loss(p.X, p.Y, p.W, p.B)),
                Reference.Binary(p).Loss,
                $"Loss(x, y, w, b) for {p.Description}",
                LossMistakes(n)
            );
        }

        foreach (var (p, loss, _) in PyTorchValues.Binary)
        {
            Expect.Close(
                LearnerCode.Call("Loss", () => BinaryLogistic.Loss(p.X, p.Y, p.W, p.B)),
                loss,
                $"Loss(x, y, w, b) for {p.Description}",
                LossMistakes(p.X.shape[0])
            );
        }
    }

    [Fact, Graded("binary-loss", 2, Hidden = true)]
    public void Loss_is_finite_and_correct_for_logits_of_plus_minus_1000()
    {
        using var scope = NewDisposeScope();
        var p = Problems.HugeLogits();
        Expect.Close(
            LearnerCode.Call("Loss", () => BinaryLogistic.Loss(p.X, p.Y, p.W, p.B)),
            Reference.Binary(p).Loss,
            $"Loss for {p.Description} (expected 500: two samples cost 1000 each)",
            LossMistakes(4)
        );
        foreach (var (large, loss, _) in PyTorchValues.ExtremeBinary)
        {
            Expect.Close(
                LearnerCode.Call("Loss", () => BinaryLogistic.Loss(large.X, large.Y, large.W, large.B)),
                loss,
                $"Loss for {large.Description}",
                LossMistakes(large.X.shape[0])
            );
        }
    }

    internal static Mistake[] LossMistakes(long n) =>
        [
            new(e => -e, "The loss has the wrong sign: cross-entropy is −[y·log σ(z) + (1 − y)·log(1 − σ(z))], which is ≥ 0."),
            new(e => e * n, $"It is n = {n} times too large: the loss is the mean over samples, not the sum."),
            new(e => e / n, $"It is n = {n} times too small: you divided by n twice (mean() already divides)."),
        ];
}
