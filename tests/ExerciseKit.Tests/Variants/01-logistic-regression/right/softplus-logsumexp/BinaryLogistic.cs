using static TorchSharp.torch;

namespace ExerciseKit.Exercises.LogisticRegression;

public static class BinaryLogistic
{
    /// <summary>softplus(t) = log(1 + e^t), written so that exp only ever sees a non-positive number.</summary>
    private static Tensor Softplus(Tensor t)
    {
        using var negAbs = t.abs().neg();
        using var exponential = negAbs.exp();
        using var tail = exponential.log1p();
        using var positivePart = t.relu();
        return positivePart + tail;
    }

    // σ(z) = exp(−softplus(−z)).
    public static Tensor Sigmoid(Tensor z)
    {
        using var minusZ = z.neg();
        using var sp = Softplus(minusZ);
        using var minusSp = sp.neg();
        return minusSp.exp();
    }

    // ℓ = y·softplus(−z) + (1 − y)·softplus(z) = (1 − y)·z + softplus(−z).
    public static Tensor Loss(Tensor x, Tensor y, Tensor w, Tensor b)
    {
        using var scope = NewDisposeScope();
        var z = addmv(b.expand(x.shape[0]), x, w, 1, 1);
        var perSample = (1 - y) * z + Softplus(-z);
        return perSample.mean().MoveToOuterDisposeScope();
    }

    public static Parameters Gradient(Tensor x, Tensor y, Tensor w, Tensor b)
    {
        using var scope = NewDisposeScope();
        var z = addmv(b.expand(x.shape[0]), x, w, 1, 1);
        var n = (double)x.shape[0];
        var dz = (Sigmoid(z) - y).div(n);
        var dw = mv(x.transpose(0, 1), dz);
        return new Parameters(dw.MoveToOuterDisposeScope(), dz.sum().MoveToOuterDisposeScope());
    }
}
