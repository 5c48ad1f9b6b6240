using static TorchSharp.torch;

namespace ExerciseKit.Exercises.LogisticRegression;

public static class GradientDescent
{
    // Slip: `<=` takes one step too many. (The gradient is computed inline so that only this slip shows.)
    public static Parameters TrainBinary(Tensor x, Tensor y, double learningRate, int steps)
    {
        var w = zeros(x.shape[1], dtype: float64);
        var b = zeros([], dtype: float64);
        for (var step = 0; step <= steps; step++)
        {
            var residual = (sigmoid(x.matmul(w) + b) - y) / x.shape[0];
            w.sub_(x.T.matmul(residual) * learningRate);
            b.sub_(residual.sum() * learningRate);
        }

        return new Parameters(w, b);
    }
}
