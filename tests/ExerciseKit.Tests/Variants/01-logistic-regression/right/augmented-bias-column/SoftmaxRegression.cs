using static TorchSharp.torch;

namespace ExerciseKit.Exercises.LogisticRegression;

public static class SoftmaxRegression
{
    public static Tensor Softmax(Tensor logits)
    {
        using var scope = NewDisposeScope();
        var centred = logits - logits.amax(new long[] { -1 }, keepdim: true);
        var e = centred.exp();
        var total = e.sum(new long[] { -1 }, keepdim: true);
        return (e / total).MoveToOuterDisposeScope();
    }

    private static Tensor Theta(Tensor w, Tensor b) => cat(new[] { w, b.unsqueeze(0) }, 0); // [d + 1, K]

    public static Tensor Loss(Tensor x, Tensor labels, Tensor w, Tensor b)
    {
        using var scope = NewDisposeScope();
        var z = BinaryLogistic.WithOnes(x).mm(Theta(w, b));
        var top = z.amax(new long[] { -1 }, keepdim: true);
        var logNormaliser = top + (z - top).exp().sum(new long[] { -1 }, keepdim: true).log();
        var logProbabilities = z - logNormaliser;
        var nll = -logProbabilities.gather(-1, labels.unsqueeze(-1));
        return nll.mean().MoveToOuterDisposeScope();
    }

    public static Parameters Gradient(Tensor x, Tensor labels, Tensor w, Tensor b)
    {
        using var scope = NewDisposeScope();
        var augmented = BinaryLogistic.WithOnes(x);
        var probabilities = Softmax(augmented.mm(Theta(w, b)));
        var target = nn.functional.one_hot(labels, w.shape[1]).to_type(ScalarType.Float64);
        var full = augmented.t().mm(probabilities - target) / x.shape[0]; // [d + 1, K]
        var d = w.shape[0];
        var weights = full.narrow(0, 0, d).contiguous();
        var bias = full.select(0, d).contiguous();
        return new Parameters(weights.MoveToOuterDisposeScope(), bias.MoveToOuterDisposeScope());
    }
}
