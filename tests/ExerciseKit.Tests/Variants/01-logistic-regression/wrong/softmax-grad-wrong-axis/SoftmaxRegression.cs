using static TorchSharp.torch;

namespace ExerciseKit.Exercises.LogisticRegression;

public static class SoftmaxRegression
{
    public static Tensor Softmax(Tensor logits)
    {
        using var scope = NewDisposeScope();
        // Subtracting the row maximum changes nothing mathematically and keeps exp() ≤ 1.
        var shifted = logits - logits.amax([1L], keepdim: true);
        var e = shifted.exp();
        return (e / e.sum(1, keepdim: true)).MoveToOuterDisposeScope();
    }

    public static Tensor Loss(Tensor x, Tensor labels, Tensor w, Tensor b)
    {
        using var scope = NewDisposeScope();
        var z = x.matmul(w) + b;
        var max = z.amax([1L], keepdim: true);
        var logSumExp = max.squeeze(1) + (z - max).exp().sum(1).log();
        var trueLogit = z.gather(1, labels.unsqueeze(1)).squeeze(1);
        return (logSumExp - trueLogit).mean().MoveToOuterDisposeScope();
    }

    public static Parameters Gradient(Tensor x, Tensor labels, Tensor w, Tensor b)
    {
        using var scope = NewDisposeScope();
        var z = x.matmul(w) + b;
        var oneHot = nn.functional.one_hot(labels, w.shape[1]).to(float64);
        // dL/dz = (softmax(z) − onehot(y)) / n, row by row.
        var residual = (nn.functional.softmax(z, 0) - oneHot) / x.shape[0];
        var weights = x.T.matmul(residual);
        var bias = residual.sum(dim: 0); // not sum(0): a literal 0 converts to ScalarType and picks the dtype overload
        return new Parameters(weights.MoveToOuterDisposeScope(), bias.MoveToOuterDisposeScope());
    }
}
