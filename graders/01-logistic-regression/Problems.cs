using static TorchSharp.torch;

namespace ExerciseKit.Graders.LogisticRegression;

/// <summary>Seeded random inputs. Shapes include the corner cases n = 1, d = 1 and K = 2.</summary>
internal static class Problems
{
    public static readonly (int Seed, int N, int D)[] BinaryShapes =
    [
        (1, 1, 1),
        (2, 1, 4),
        (3, 6, 1),
        (4, 16, 3),
        (5, 50, 8),
        (6, 128, 20),
    ];

    public static readonly (int Seed, int N, int D, int K)[] SoftmaxShapes =
    [
        (11, 1, 1, 2),
        (12, 1, 3, 5),
        (13, 5, 1, 2),
        (14, 20, 4, 3),
        (15, 64, 10, 7),
    ];

    public static BinaryProblem Binary(int seed, int n, int d)
    {
        using var generator = new Generator((ulong)seed);
        var x = randn([n, d], float64, generator: generator) * 2;
        var y = (rand([n], float64, generator: generator) > 0.5).to(float64);
        var w = randn([d], float64, generator: generator);
        var b = randn([], float64, generator: generator);
        return new BinaryProblem($"n={n}, d={d}, seed {seed}", x, y, w, b);
    }

    public static SoftmaxProblem Softmax(int seed, int n, int d, int k)
    {
        using var generator = new Generator((ulong)seed);
        var x = randn([n, d], float64, generator: generator) * 2;
        var labels = randint(k, [n], int64, generator: generator);
        var w = randn([d, k], float64, generator: generator);
        var b = randn([k], float64, generator: generator);
        return new SoftmaxProblem($"n={n}, d={d}, K={k}, seed {seed}", x, labels, w, b);
    }

    /// <summary>Four samples whose logits are exactly ±1000: two classified right, two badly wrong.</summary>
    public static BinaryProblem HugeLogits()
    {
        var x = tensor(
            new double[,]
            {
                { 1 },
                { -1 },
                { 1 },
                { -1 },
            }
        );
        var y = tensor(new double[] { 0, 1, 1, 0 });
        return new BinaryProblem(
            "logits z = [1000, −1000, 1000, −1000], y = [0, 1, 1, 0]",
            x,
            y,
            tensor(new double[] { 1000 }),
            tensor(0.0)
        );
    }
}

internal sealed record BinaryProblem(string Description, Tensor X, Tensor Y, Tensor W, Tensor B);

internal sealed record SoftmaxProblem(string Description, Tensor X, Tensor Labels, Tensor W, Tensor B);
