using static TorchSharp.torch;

namespace ExerciseKit.Exercises.LogisticRegression;

public static class GradientDescent
{
    /// <summary>Plain gradient descent from w = 0, b = 0, tracking every temporary tensor by hand.</summary>
    public static Parameters TrainBinary(Tensor x, Tensor y, double learningRate, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        var weights = x.new_zeros(x.shape[1]);
        var bias = x.new_zeros(Array.Empty<long>());
        for (var done = 0; done != steps; done++)
        {
            var (gradW, gradB) = BinaryLogistic.Gradient(x, y, weights, bias);
            var stepW = gradW.mul(learningRate);
            var stepB = gradB.mul(learningRate);
            var nextW = weights.sub(stepW);
            var nextB = bias.sub(stepB);
            foreach (var used in new[] { gradW, gradB, stepW, stepB, weights, bias })
            {
                used.Dispose();
            }
            (weights, bias) = (nextW, nextB);
        }

        return new Parameters(weights, bias);
    }
}
