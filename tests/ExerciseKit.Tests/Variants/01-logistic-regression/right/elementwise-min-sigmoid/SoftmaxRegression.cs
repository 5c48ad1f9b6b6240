using static TorchSharp.torch;

namespace ExerciseKit.Exercises.LogisticRegression;

public static class SoftmaxRegression
{
    public static Tensor Softmax(Tensor logits)
    {
        using var scope = NewDisposeScope();
        var (rowMax, _) = logits.max(1, keepdim: true);
        var e = (logits - rowMax).exp();
        return e.div(e.sum(new long[] { 1 }, keepdim: true)).MoveToOuterDisposeScope();
    }

    private static Tensor OneHot(Tensor labels, long classes) =>
        labels.unsqueeze(1).eq(arange(classes, dtype: int64).unsqueeze(0)).to_type(ScalarType.Float64);

    public static Tensor Loss(Tensor x, Tensor labels, Tensor w, Tensor b)
    {
        using var scope = NewDisposeScope();
        var z = x.matmul(w) + b;
        var (rowMax, _) = z.max(1, keepdim: true);
        var shifted = z - rowMax;
        var logProbabilities = shifted - shifted.exp().sum(new long[] { 1 }, keepdim: true).log();
        var picked = (logProbabilities * OneHot(labels, w.shape[1])).sum(new long[] { 1 });
        return picked.mean().neg().MoveToOuterDisposeScope();
    }

    public static Parameters Gradient(Tensor x, Tensor labels, Tensor w, Tensor b)
    {
        using var scope = NewDisposeScope();
        var residual = Softmax(x.matmul(w) + b) - OneHot(labels, w.shape[1]);
        var n = x.shape[0];
        var weights = einsum("nd,nk->dk", x, residual) / n;
        var bias = residual.mean(new long[] { 0 });
        return new Parameters(weights.MoveToOuterDisposeScope(), bias.MoveToOuterDisposeScope());
    }
}
