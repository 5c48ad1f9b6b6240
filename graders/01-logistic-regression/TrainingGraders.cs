using ExerciseKit.Grading;
using Xunit;
using static ExerciseKit.Graders.LogisticRegression.LearnerTypes;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.LogisticRegression;

public sealed class TrainingGraders
{
    [Fact, Graded("training", 2)]
    public void Training_separates_a_linearly_separable_data_set()
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(31);
        // Two clouds around (2, 1) and (−2, −1): the line x₁ + x₂ = 0 separates them with a wide margin.
        var y = cat([ones(40, dtype: float64), zeros(40, dtype: float64)]);
        var centres = (y * 2 - 1).unsqueeze(1) * tensor(new double[] { 2, 1 });
        var x = centres + randn([80, 2], float64, generator: generator) * 0.4;

        var model = HandDerived.Call("TrainBinary", () => GradientDescent.TrainBinary(x, y, learningRate: 0.5, steps: 200));

        GradingFailure.Unless(model is not null, "TrainBinary returned null.");
        var predictions = (x.matmul(model!.Weights) + model.Bias > 0).to(float64);
        var wrong = (predictions != y).sum().item<long>();
        GradingFailure.Unless(
            wrong == 0,
            $"After 200 steps with learning rate 0.5 on 80 points that a straight line separates, {wrong} are still misclassified "
                + $"(w = {Expect.Values(model.Weights)}, b = {Expect.Values(model.Bias)}). Check that each step subtracts the gradient "
                + "and that both w and b are updated."
        );
    }

    [Fact, Graded("training", 1, Hidden = true)]
    public void Training_takes_exactly_the_requested_gradient_steps()
    {
        using var scope = NewDisposeScope();
        var p = Problems.Binary(seed: 41, n: 30, d: 3);
        const double rate = 0.3;
        // 0 and 1 are the boundaries of `steps`: zero updates return the starting point w = 0, b = 0.
        foreach (var steps in new[] { 0, 1, 5 })
        {
            var expected = Reference.TrainBinary(p.X, p.Y, rate, steps);
            var actual = HandDerived.Call("TrainBinary", () => GradientDescent.TrainBinary(p.X, p.Y, rate, steps));
            GradingFailure.Unless(actual is not null, "TrainBinary returned null.");

            var what = $"w after {steps} steps of rate {rate} from w = 0, b = 0 ({p.Description})";
            Expect.Close(
                actual!.Weights,
                expected.Weights,
                what,
                new Mistake(
                    _ => Reference.TrainBinary(p.X, p.Y, -rate, steps).Weights,
                    "You climbed the loss: each step must subtract learningRate × gradient."
                ),
                new Mistake(
                    _ => Reference.TrainBinary(p.X, p.Y, rate, steps - 1).Weights,
                    "One step too few: take exactly `steps` updates."
                ),
                new Mistake(
                    _ => Reference.TrainBinary(p.X, p.Y, rate, steps + 1).Weights,
                    "One step too many: take exactly `steps` updates."
                )
            );
            Expect.Close(actual.Bias, expected.Bias, $"b after {steps} steps ({p.Description}): update the bias with dLoss/db too");
        }

        foreach (var (data, learningRate, steps, fromPyTorch) in PyTorchValues.Training)
        {
            var actual = HandDerived.Call("TrainBinary", () => GradientDescent.TrainBinary(data.X, data.Y, learningRate, steps));
            GradingFailure.Unless(actual is not null, "TrainBinary returned null.");
            Expect.Close(actual!.Weights, fromPyTorch.Weights, $"w after {data.Description}");
            Expect.Close(actual.Bias, fromPyTorch.Bias, $"b after {data.Description}");
        }
    }
}
