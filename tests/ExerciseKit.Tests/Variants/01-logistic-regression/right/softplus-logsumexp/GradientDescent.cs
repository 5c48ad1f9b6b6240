using static TorchSharp.torch;

namespace ExerciseKit.Exercises.LogisticRegression;

public static class GradientDescent
{
    public static Parameters TrainBinary(Tensor x, Tensor y, double learningRate, int steps)
    {
        var w = zeros(x.shape[1], dtype: float64);
        var b = tensor(0.0);
        var remaining = steps;
        while (remaining-- > 0)
        {
            var g = BinaryLogistic.Gradient(x, y, w, b);
            using (g.Weights)
            using (g.Bias)
            {
                w.add_(g.Weights, alpha: -learningRate);
                b.add_(g.Bias, alpha: -learningRate);
            }
        }

        return new Parameters(w, b);
    }
}
