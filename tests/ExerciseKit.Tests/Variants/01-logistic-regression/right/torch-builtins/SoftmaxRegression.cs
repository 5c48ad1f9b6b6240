using static TorchSharp.torch;

namespace ExerciseKit.Exercises.LogisticRegression;

public static class SoftmaxRegression
{
    public static Tensor Softmax(Tensor logits) => nn.functional.softmax(logits, 1);

    public static Tensor Loss(Tensor x, Tensor labels, Tensor w, Tensor b)
    {
        using var scope = NewDisposeScope();
        var logProbabilities = nn.functional.log_softmax(x.matmul(w).add(b), 1);
        var picked = logProbabilities.gather(1, labels.view(-1, 1));
        return picked.mean().neg().MoveToOuterDisposeScope();
    }

    public static Parameters Gradient(Tensor x, Tensor labels, Tensor w, Tensor b)
    {
        using var scope = NewDisposeScope();
        var probabilities = nn.functional.softmax(x.matmul(w).add(b), 1);
        // Subtract 1 at each sample's true class: softmax − onehot, without building the one-hot matrix.
        var delta = probabilities.scatter_add(1, labels.view(-1, 1), full(labels.size(0), 1, -1.0, dtype: float64));
        delta = delta.div(x.size(0));
        return new Parameters(x.t().mm(delta).MoveToOuterDisposeScope(), delta.sum(dim: 0).MoveToOuterDisposeScope());
    }
}
