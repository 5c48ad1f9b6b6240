using static TorchSharp.torch;

namespace ExerciseKit.Exercises.LogisticRegression;

// Built on TorchSharp's own numerically careful primitives (sigmoid, softplus); only the gradient is derived by hand.
public static class BinaryLogistic
{
    public static Tensor Sigmoid(Tensor z) => sigmoid(z);

    public static Tensor Loss(Tensor x, Tensor y, Tensor w, Tensor b)
    {
        using var logits = x.matmul(w).add(b);
        // BCE with logits = softplus(z) - y z, and softplus is computed without overflow by TorchSharp.
        using var perSample = nn.functional.softplus(logits) - y * logits;
        return perSample.mean();
    }

    public static Parameters Gradient(Tensor x, Tensor y, Tensor w, Tensor b)
    {
        using var logits = x.matmul(w).add(b);
        using var probabilities = sigmoid(logits);
        using var error = probabilities.sub(y).div(x.size(0));
        return new Parameters(error.matmul(x), error.sum());
    }
}
