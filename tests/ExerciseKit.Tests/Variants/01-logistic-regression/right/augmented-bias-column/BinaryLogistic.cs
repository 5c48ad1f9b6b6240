using static TorchSharp.torch;

namespace ExerciseKit.Exercises.LogisticRegression;

public static class BinaryLogistic
{
    public static Tensor Sigmoid(Tensor z)
    {
        // For z < 0 use e^z / (1 + e^z); for z ≥ 0 use 1 / (1 + e^−z). Both evaluated on −|z| only.
        using var small = (-z.abs()).exp();
        using var onePlus = small + 1.0;
        using var forNegative = small / onePlus;
        using var forPositive = onePlus.reciprocal();
        using var negative = z.lt(0);
        return forPositive.masked_scatter(negative, forNegative.masked_select(negative));
    }

    /// <summary>[X | 1]: the bias becomes the weight of a constant feature.</summary>
    internal static Tensor WithOnes(Tensor x) => cat(new[] { x, ones(x.shape[0], 1, dtype: x.dtype) }, 1);

    public static Tensor Loss(Tensor x, Tensor y, Tensor w, Tensor b)
    {
        using var scope = NewDisposeScope();
        var theta = cat(new[] { w, b.reshape(1) }, 0);
        var z = WithOnes(x).mv(theta);
        var loss = z.relu() - z * y + (-z.abs()).exp().log1p();
        return loss.mean().MoveToOuterDisposeScope();
    }

    public static Parameters Gradient(Tensor x, Tensor y, Tensor w, Tensor b)
    {
        using var scope = NewDisposeScope();
        var augmented = WithOnes(x);
        var theta = cat(new[] { w, b.reshape(1) }, 0);
        var residual = Sigmoid(augmented.mv(theta)) - y;
        var full = augmented.t().mv(residual) / x.shape[0];
        var d = w.shape[0];
        var weights = full.narrow(0, 0, d).clone();
        var bias = full[d].clone();
        return new Parameters(weights.MoveToOuterDisposeScope(), bias.MoveToOuterDisposeScope());
    }
}
