using static TorchSharp.torch;

namespace ExerciseKit.Exercises.LogisticRegression;

public static class SoftmaxRegression
{
    // Slip: normalises columns.
    public static Tensor Softmax(Tensor logits)
    {
        var e = (logits - logits.amax([0L], keepdim: true)).exp();
        return e / e.sum(0, keepdim: true);
    }

    // Slip: sum over samples instead of the mean.
    public static Tensor Loss(Tensor x, Tensor labels, Tensor w, Tensor b)
    {
        var z = x.matmul(w) + b;
        var max = z.amax([1L], keepdim: true);
        var logSumExp = max.squeeze(1) + (z - max).exp().sum(1).log();
        return (logSumExp - z.gather(1, labels.unsqueeze(1)).squeeze(1)).sum();
    }

    // Slip: no 1/n.
    public static Parameters Gradient(Tensor x, Tensor labels, Tensor w, Tensor b)
    {
        var probabilities = softmax(x.matmul(w) + b, 1);
        var residual = probabilities - nn.functional.one_hot(labels, w.shape[1]).to(float64);
        return new Parameters(x.T.matmul(residual), residual.sum(dim: 0));
    }
}
