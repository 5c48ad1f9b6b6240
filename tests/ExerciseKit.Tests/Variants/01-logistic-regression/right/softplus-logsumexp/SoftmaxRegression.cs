using static TorchSharp.torch;

namespace ExerciseKit.Exercises.LogisticRegression;

public static class SoftmaxRegression
{
    // softmax(z) = exp(z − logsumexp(z)), with TorchSharp's stable logsumexp per row.
    public static Tensor Softmax(Tensor logits)
    {
        using var normaliser = logits.logsumexp(1, keepdim: true);
        using var logProbabilities = logits - normaliser;
        return logProbabilities.exp();
    }

    public static Tensor Loss(Tensor x, Tensor labels, Tensor w, Tensor b)
    {
        using var scope = NewDisposeScope();
        var z = addmm(b.unsqueeze(0), x, w, 1, 1);
        var rowIndex = arange(z.shape[0], dtype: int64);
        var trueLogit = z.index(new TensorIndex[] { TensorIndex.Tensor(rowIndex), TensorIndex.Tensor(labels) });
        return (z.logsumexp(1) - trueLogit).mean().MoveToOuterDisposeScope();
    }

    public static Parameters Gradient(Tensor x, Tensor labels, Tensor w, Tensor b)
    {
        using var scope = NewDisposeScope();
        var z = addmm(b.unsqueeze(0), x, w, 1, 1);
        var target = zeros_like(z).scatter_(1, labels.unsqueeze(1), ones(labels.shape[0], 1, dtype: float64));
        var dz = (Softmax(z) - target) / (double)x.shape[0];
        return new Parameters(mm(x.transpose(0, 1), dz).MoveToOuterDisposeScope(), dz.sum(dim: 0).MoveToOuterDisposeScope());
    }
}
