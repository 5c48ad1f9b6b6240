using static TorchSharp.torch;

namespace ExerciseKit.Exercises.LogisticRegression;

public static class GradientDescent
{
    public static Parameters TrainBinary(Tensor x, Tensor y, double learningRate, int steps)
    {
        var w = zeros(x.shape[1], dtype: float64);
        var b = zeros([], dtype: float64);
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            var gradient = BinaryLogistic.Gradient(x, y, w, b);
            w.sub_(gradient.Weights * learningRate / x.shape[0]);
            b.sub_(gradient.Bias * learningRate);
        }

        return new Parameters(w, b);
    }
}
