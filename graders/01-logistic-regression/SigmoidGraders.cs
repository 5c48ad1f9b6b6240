using ExerciseKit.Exercises.LogisticRegression;
using ExerciseKit.Grading;
using Xunit;
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
            Verdict.Close(
                BinaryLogistic.Sigmoid(z),
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
        Verdict.Close(
            BinaryLogistic.Sigmoid(z),
            sigmoid(z),
            "Sigmoid(z) for z = [−1000, −745, −40, −1, 0, 1, 40, 745, 1000] (e^1000 overflows to ∞ in float64)",
            SignFlipped
        );
    }
}
