using static TorchSharp.torch;

namespace ExerciseKit.Exercises.LogisticRegression;

/// <summary>
/// K-class logistic (softmax) regression: p(class k | x) = softmax(x·W + b)_k.
/// Inputs are float64 except labels: x is [n, d], labels is int64 [n] with values in 0..K−1,
/// W is [d, K], b is [K]. No autograd.
/// </summary>
public static class SoftmaxRegression
{
    public static Tensor Softmax(Tensor logits) =>
        throw new NotImplementedException(
            "Return the softmax of each row of logits [n, K] (every row sums to 1), finite even for logits of 1000."
        );

    public static Tensor Loss(Tensor x, Tensor labels, Tensor w, Tensor b) =>
        throw new NotImplementedException(
            "Return the mean negative log-likelihood of the true labels under softmax(x·W + b), as a scalar tensor."
        );

    public static Parameters Gradient(Tensor x, Tensor labels, Tensor w, Tensor b) =>
        throw new NotImplementedException("Return dLoss/dW (shape [d, K]) and dLoss/db (shape [K]), derived by hand.");
}
