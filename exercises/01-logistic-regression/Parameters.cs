using static TorchSharp.torch;

namespace ExerciseKit.Exercises.LogisticRegression;

/// <summary>
/// Weights and bias of a logistic-regression model — or a gradient, which has the same shapes.
/// Binary model: <c>Weights</c> is [d], <c>Bias</c> is a scalar (shape []).
/// K-class model: <c>Weights</c> is [d, K], <c>Bias</c> is [K].
/// </summary>
public sealed record Parameters(Tensor Weights, Tensor Bias);
