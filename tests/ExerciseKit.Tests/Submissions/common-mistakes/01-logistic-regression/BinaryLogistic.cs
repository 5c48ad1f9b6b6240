using static TorchSharp.torch;

namespace ExerciseKit.Exercises.LogisticRegression;

// A submission with textbook slips, graded by the kit's tests to check that feedback names each one.
public static class BinaryLogistic
{
    // Fine in float64: 1/(1+∞) is 0, not NaN.
    public static Tensor Sigmoid(Tensor z) => 1 / (1 + exp(-z));

    // Slip: the log of a sigmoid that has rounded to 0 or 1.
    public static Tensor Loss(Tensor x, Tensor y, Tensor w, Tensor b)
    {
        var p = Sigmoid(x.matmul(w) + b);
        return -(y * log(p) + (1 - y) * log(1 - p)).mean();
    }

    // Slip: label minus prediction.
    public static Parameters Gradient(Tensor x, Tensor y, Tensor w, Tensor b)
    {
        var residual = (y - Sigmoid(x.matmul(w) + b)) / x.shape[0];
        return new Parameters(x.T.matmul(residual), residual.sum());
    }
}
