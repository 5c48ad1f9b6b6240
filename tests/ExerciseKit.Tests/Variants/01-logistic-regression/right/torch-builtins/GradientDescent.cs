using static TorchSharp.torch;

namespace ExerciseKit.Exercises.LogisticRegression;

public static class GradientDescent
{
    public static Parameters TrainBinary(Tensor x, Tensor y, double learningRate, int steps)
    {
        var parameters = new Parameters(zeros(new long[] { x.size(1) }, float64), tensor(0.0, float64));
        foreach (var _ in Enumerable.Range(0, steps))
        {
            var gradient = BinaryLogistic.Gradient(x, y, parameters.Weights, parameters.Bias);
            var next = new Parameters(parameters.Weights - learningRate * gradient.Weights, parameters.Bias - learningRate * gradient.Bias);
            parameters.Weights.Dispose();
            parameters.Bias.Dispose();
            gradient.Weights.Dispose();
            gradient.Bias.Dispose();
            parameters = next;
        }

        return parameters;
    }
}
