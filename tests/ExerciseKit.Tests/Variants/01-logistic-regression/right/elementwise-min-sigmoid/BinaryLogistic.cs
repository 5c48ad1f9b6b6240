using static TorchSharp.torch;

namespace ExerciseKit.Exercises.LogisticRegression;

public static class BinaryLogistic
{
    // σ(z) = e^min(z,0) / (1 + e^−|z|): for z ≥ 0 it is 1/(1+e^−z), for z < 0 it is e^z/(1+e^z).
    public static Tensor Sigmoid(Tensor z)
    {
        using var scope = NewDisposeScope();
        var numerator = z.clamp_max(0).exp();
        var denominator = z.abs().neg().exp().add(1);
        return numerator.div(denominator).MoveToOuterDisposeScope();
    }

    // log σ(z) = min(z, 0) − log(1 + e^−|z|), and log(1 − σ(z)) = log σ(−z).
    private static Tensor LogSigmoid(Tensor z) => z.clamp_max(0) - z.abs().neg().exp().log1p();

    public static Tensor Loss(Tensor x, Tensor y, Tensor w, Tensor b)
    {
        using var scope = NewDisposeScope();
        var z = x.matmul(w) + b;
        var logLikelihood = y * LogSigmoid(z) + (1 - y) * LogSigmoid(-z);
        return logLikelihood.mean().neg().MoveToOuterDisposeScope();
    }

    public static Parameters Gradient(Tensor x, Tensor y, Tensor w, Tensor b)
    {
        using var scope = NewDisposeScope();
        var z = x.matmul(w) + b;
        var residual = Sigmoid(z) - y;
        // dL/dw_j = mean_i residual_i · x_ij, as a broadcast product and a mean over the sample axis.
        var weights = (x * residual.unsqueeze(1)).mean(new long[] { 0 });
        var bias = residual.mean();
        return new Parameters(weights.MoveToOuterDisposeScope(), bias.MoveToOuterDisposeScope());
    }
}
