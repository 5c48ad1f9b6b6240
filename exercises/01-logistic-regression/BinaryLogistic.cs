using static TorchSharp.torch;

namespace ExerciseKit.Exercises.LogisticRegression;

/// <summary>
/// Binary logistic regression: p(y = 1 | x) = σ(x·w + b).
/// Inputs are float64: x is [n, d], y is [n] holding 0.0 or 1.0, w is [d], b is a scalar.
/// Write everything with tensor operations and derive the gradient yourself: no autograd.
/// </summary>
public static class BinaryLogistic
{
    public static Tensor Sigmoid(Tensor z) =>
        throw new NotImplementedException("Return σ(z) = 1 / (1 + e^(−z)) element-wise (same shape as z), finite even for z = ±1000.");

    public static Tensor Loss(Tensor x, Tensor y, Tensor w, Tensor b) =>
        throw new NotImplementedException("Return the mean binary cross-entropy of the logits z = x·w + b against y, as a scalar tensor.");

    public static Parameters Gradient(Tensor x, Tensor y, Tensor w, Tensor b) =>
        throw new NotImplementedException(
            "Return dLoss/dw (shape [d]) and dLoss/db (a scalar), derived by hand rather than with backward()."
        );
}
