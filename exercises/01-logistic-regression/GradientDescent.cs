using static TorchSharp.torch;

namespace ExerciseKit.Exercises.LogisticRegression;

/// <summary>Plain batch gradient descent for the binary model, using your <see cref="BinaryLogistic.Gradient"/>.</summary>
public static class GradientDescent
{
    public static Parameters TrainBinary(Tensor x, Tensor y, double learningRate, int steps) =>
        throw new NotImplementedException(
            "Start from w = 0 (shape [d]) and b = 0, take `steps` updates θ ← θ − learningRate·∇Loss, return the final w and b."
        );
}
