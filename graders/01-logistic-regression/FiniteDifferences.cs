using static TorchSharp.torch;

namespace ExerciseKit.Graders.LogisticRegression;

/// <summary>Central-difference gradients, compared with gradcheck's default tolerances.</summary>
internal static class FiniteDifferences
{
    private const double Epsilon = 1e-6;

    public static Parameters Of(Tensor w, Tensor b, Func<Tensor, Tensor, Tensor> loss) =>
        new(Partials(w, v => loss(v, b)), Partials(b, v => loss(w, v)));

    public static bool Agree(Tensor analytic, Tensor numeric) =>
        analytic.shape.SequenceEqual(numeric.shape) && analytic.allclose(numeric, rtol: 1e-3, atol: 1e-5);

    private static Tensor Partials(Tensor at, Func<Tensor, Tensor> loss)
    {
        var result = zeros_like(at).flatten();
        for (var i = 0; i < at.numel(); i++)
        {
            using var scope = NewDisposeScope();
            var step = zeros_like(at).flatten();
            step[i] = tensor(Epsilon);
            step = step.reshape(at.shape);
            var slope = (loss(at + step) - loss(at - step)) / (2 * Epsilon);
            result[i] = slope.reshape([]);
        }

        return result.reshape(at.shape);
    }
}
