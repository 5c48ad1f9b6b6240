using ExerciseKit.Grading;
using Xunit;
using static ExerciseKit.Graders.LogisticRegression.LearnerTypes;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.LogisticRegression;

public sealed class SoftmaxGraders
{
    [Fact, Graded("softmax", 1)]
    public void Softmax_normalises_each_row()
    {
        using var scope = NewDisposeScope();
        foreach (var (seed, n, _, k) in Problems.SoftmaxShapes)
        {
            using var generator = new Generator((ulong)seed);
            var logits = randn([Math.Max(n, 3), k], float64, generator: generator) * 3;
            Expect.Close(
                LearnerCode.Call("Softmax", () => SoftmaxRegression.Softmax(logits)),
                softmax(logits, 1),
                $"Softmax(logits) for logits of shape [{logits.shape[0]}, {k}] (seed {seed})",
                new Mistake(
                    _ => softmax(logits, 0),
                    "You normalised each column (axis 0): every row — one sample's K class scores — must sum to 1, so reduce over axis 1."
                )
            );
        }
    }

    [Fact, Graded("softmax", 1, Hidden = true)]
    public void Softmax_is_finite_for_logits_of_1000()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(
            new double[,]
            {
                { 1000, 0, -1000 },
                { 999, 1000, 998 },
                { -1000, -1000, -1000 },
            }
        );
        Expect.Close(
            LearnerCode.Call("Softmax", () => SoftmaxRegression.Softmax(logits)),
            softmax(logits, 1),
            "Softmax for rows [1000, 0, −1000], [999, 1000, 998], [−1000, −1000, −1000] (e^1000 overflows: subtract each row's maximum first)"
        );
        var (rows, fromPyTorch) = PyTorchValues.ExtremeSoftmaxRows;
        Expect.Close(
            LearnerCode.Call("Softmax", () => SoftmaxRegression.Softmax(rows)),
            fromPyTorch,
            $"Softmax for rows {Expect.Values(rows)} (expected values from PyTorch; subtract each row's maximum first)"
        );
    }

    [Fact, Graded("softmax", 1)]
    public void Loss_matches_torch_cross_entropy()
    {
        using var scope = NewDisposeScope();
        foreach (var (seed, n, d, k) in Problems.SoftmaxShapes)
        {
            var p = Problems.Softmax(seed, n, d, k);
            Expect.Close(
                LearnerCode.Call("Loss", () => SoftmaxRegression.Loss(p.X, p.Labels, p.W, p.B)),
                Reference.Softmax(p).Loss,
                $"Loss(x, labels, W, b) for {p.Description}",
                BinaryLossGraders.LossMistakes(n)
            );
        }

        foreach (var (p, loss, _) in PyTorchValues.Softmax)
        {
            Expect.Close(
                LearnerCode.Call("Loss", () => SoftmaxRegression.Loss(p.X, p.Labels, p.W, p.B)),
                loss,
                $"Loss(x, labels, W, b) for {p.Description}",
                BinaryLossGraders.LossMistakes(p.X.shape[0])
            );
        }
    }

    [Fact, Graded("softmax", 1)]
    public void Gradient_matches_autograd()
    {
        using var scope = NewDisposeScope();
        foreach (var (seed, n, d, k) in Problems.SoftmaxShapes)
        {
            var p = Problems.Softmax(seed, n, d, k);
            RequireGradient(p, Reference.Softmax(p).Gradient);
        }

        foreach (var (p, _, expected) in PyTorchValues.Softmax)
        {
            RequireGradient(p, expected);
        }
    }

    private static void RequireGradient(SoftmaxProblem p, Parameters expected)
    {
        var actual = HandDerived.Call($"Gradient for {p.Description}", () => SoftmaxRegression.Gradient(p.X, p.Labels, p.W, p.B));
        GradingFailure.Unless(actual is not null, $"Gradient for {p.Description}: returned null.");
        var mistakes = BinaryGradientGraders.GradientMistakes(p.X.shape[0]);
        Expect.Close(actual!.Weights, expected.Weights, $"dLoss/dW for {p.Description}", mistakes);
        Expect.Close(actual.Bias, expected.Bias, $"dLoss/db for {p.Description}", mistakes);
    }

    [Fact, Graded("softmax", 1, Hidden = true)]
    public void Loss_and_gradient_are_finite_for_huge_logits()
    {
        using var scope = NewDisposeScope();
        var x = tensor(
            new double[,]
            {
                { 1, 0 },
                { 0, 1 },
                { 1, 1 },
            }
        );
        var labels = tensor(new long[] { 2, 0, 1 });
        var w = tensor(
            new double[,]
            {
                { 1000, 0, -1000 },
                { -1000, 1000, 0 },
            }
        );
        var b = zeros(3, dtype: float64);
        var p = new SoftmaxProblem("logits of ±1000 (every sample confidently wrong)", x, labels, w, b);
        var (loss, gradient) = Reference.Softmax(p);
        Expect.Close(
            LearnerCode.Call("Loss", () => SoftmaxRegression.Loss(x, labels, w, b)),
            loss,
            $"Loss for {p.Description}: compute log-sum-exp with the row maximum taken out"
        );
        var actual = HandDerived.Call($"Gradient for {p.Description}", () => SoftmaxRegression.Gradient(x, labels, w, b));
        Expect.Close(actual.Weights, gradient.Weights, $"dLoss/dW for {p.Description}");
        foreach (var (large, fromPyTorch, expected) in PyTorchValues.ExtremeSoftmax)
        {
            Expect.Close(
                LearnerCode.Call("Loss", () => SoftmaxRegression.Loss(large.X, large.Labels, large.W, large.B)),
                fromPyTorch,
                $"Loss for {large.Description}"
            );
            RequireGradient(large, expected);
        }
    }

    /// <summary>
    /// Rows whose maxima lie far apart: only a shift by each row's own maximum keeps every row finite. Without a
    /// shift e^800 overflows; with the matrix's global maximum the lower rows underflow to 0/0. The logits are W
    /// itself (x is the identity, b = 0), so row i of dLoss/dW belongs to row i of the logits.
    /// </summary>
    [Fact, Graded("softmax", 1)]
    public void Softmax_loss_and_gradient_shift_each_row_by_its_own_maximum()
    {
        using var scope = NewDisposeScope();
        var logits = tensor(
            new double[,]
            {
                { 0, 1, 2 },
                { 800, 801, 799 },
                { -800, -802, -801 },
                { 1000, 1000, -1000 },
            }
        );
        const string rows = "[0, 1, 2], [800, 801, 799], [−800, −802, −801], [1000, 1000, −1000]";
        var advice =
            "Subtract each row's own maximum (amax over axis 1 with keepdim: true). Without a shift e^800 is ∞; "
            + "with one shift for the whole matrix, a row whose values lie more than about 745 below the matrix's maximum underflows to 0, and 0/0 is NaN.";

        var probabilities = LearnerCode.Call("Softmax", () => SoftmaxRegression.Softmax(logits));
        var expected = softmax(logits, 1);
        Expect.Usable(probabilities, expected, $"Softmax for rows {rows}", requireFinite: false);
        for (var row = 0; row < logits.shape[0]; row++)
        {
            var finite = probabilities[row].isfinite().all().item<bool>();
            GradingFailure.Unless(
                finite && Expect.IsClose(probabilities[row], expected[row]),
                $"Softmax for rows {rows}: row {row} came back {Expect.Values(probabilities[row])}, expected {Expect.Values(expected[row])}."
                    + (finite ? "" : " " + advice)
            );
        }

        var x = eye(4, dtype: float64);
        var labels = tensor(new long[] { 2, 0, 1, 1 });
        var b = zeros(3, dtype: float64);
        var p = new SoftmaxProblem($"x = identity, so the logits are W = rows {rows}; labels [2, 0, 1, 1]", x, labels, logits, b);
        var (loss, gradient) = Reference.Softmax(p);
        Expect.Close(
            LearnerCode.Call("Loss", () => SoftmaxRegression.Loss(x, labels, logits, b)),
            loss,
            $"Loss for {p.Description} (each row's log-sum-exp must take out that row's own maximum)"
        );
        var actual = HandDerived.Call($"Gradient for {p.Description}", () => SoftmaxRegression.Gradient(x, labels, logits, b));
        Expect.Close(actual.Weights, gradient.Weights, $"dLoss/dW for {p.Description} (row i of dW is sample i's (softmax − one-hot)/n)");
        Expect.Close(actual.Bias, gradient.Bias, $"dLoss/db for {p.Description}");
    }
}
