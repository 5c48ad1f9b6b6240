using ExerciseKit.Grading.Boundary;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.LogisticRegression;

/// <summary>
/// The learner's types as the graders call them: each runs in the subject process (Subject/), never in the graders'.
/// With <c>using static</c> of this class, <c>BinaryLogistic.Sigmoid(z)</c> reads as a direct call.
/// </summary>
internal static class LearnerTypes
{
    public static IBinaryLogistic BinaryLogistic { get; } = Learner.Static<IBinaryLogistic>();

    public static ISoftmaxRegression SoftmaxRegression { get; } = Learner.Static<ISoftmaxRegression>();

    public static IGradientDescent GradientDescent { get; } = Learner.Static<IGradientDescent>();
}

[LearnerType("ExerciseKit.Exercises.LogisticRegression.BinaryLogistic, LogisticRegression")]
public interface IBinaryLogistic
{
    Tensor Sigmoid(Tensor z);

    Tensor Loss(Tensor x, Tensor y, Tensor w, Tensor b);

    Parameters Gradient(Tensor x, Tensor y, Tensor w, Tensor b);
}

[LearnerType("ExerciseKit.Exercises.LogisticRegression.SoftmaxRegression, LogisticRegression")]
public interface ISoftmaxRegression
{
    Tensor Softmax(Tensor logits);

    Tensor Loss(Tensor x, Tensor labels, Tensor w, Tensor b);

    Parameters Gradient(Tensor x, Tensor labels, Tensor w, Tensor b);
}

[LearnerType("ExerciseKit.Exercises.LogisticRegression.GradientDescent, LogisticRegression")]
public interface IGradientDescent
{
    Parameters TrainBinary(Tensor x, Tensor y, double learningRate, int steps);
}

/// <summary>The learner's <c>Parameters</c> record, as it crosses the boundary: matched by property names.</summary>
public sealed record Parameters(Tensor Weights, Tensor Bias);
