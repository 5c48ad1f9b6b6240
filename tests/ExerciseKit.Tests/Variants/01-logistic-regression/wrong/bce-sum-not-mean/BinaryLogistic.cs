using static TorchSharp.torch;

namespace ExerciseKit.Exercises.LogisticRegression;

public static class BinaryLogistic
{
    public static Tensor Sigmoid(Tensor z)
    {
        // e = e^(−|z|) lies in (0, 1], so neither branch can overflow.
        using var e = exp(-z.abs());
        using var positive = 1 / (1 + e);
        using var negative = e / (1 + e);
        using var isPositive = z >= 0;
        return where(isPositive, positive, negative);
    }

    public static Tensor Loss(Tensor x, Tensor y, Tensor w, Tensor b)
    {
        using var scope = NewDisposeScope();
        var z = x.matmul(w) + b;
        // −[y·log σ(z) + (1−y)·log(1−σ(z))] simplifies to softplus(z) − y·z;
        // softplus(z) = max(z, 0) + log(1 + e^(−|z|)) never overflows.
        var softplus = z.clamp_min(0) + log1p(exp(-z.abs()));
        return (softplus - y * z).sum().MoveToOuterDisposeScope();
    }

    public static Parameters Gradient(Tensor x, Tensor y, Tensor w, Tensor b)
    {
        using var scope = NewDisposeScope();
        var z = x.matmul(w) + b;
        // dL/dz_i = (σ(z_i) − y_i) / n; then the chain rule through z = x·w + b.
        var residual = (Sigmoid(z) - y) / x.shape[0];
        var weights = x.T.matmul(residual);
        var bias = residual.sum();
        return new Parameters(weights.MoveToOuterDisposeScope(), bias.MoveToOuterDisposeScope());
    }
}
