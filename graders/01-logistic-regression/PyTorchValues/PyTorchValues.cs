using System.Text.Json;
using ExerciseKit.Exercises.LogisticRegression;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.LogisticRegression;

/// <summary>
/// Cases whose expected values come from a second implementation: PyTorch in float64, each value also checked
/// against a NumPy formula by <c>generate.py</c>, which wrote the embedded <c>pytorch-values.json</c>. The other
/// expectations in these graders come from TorchSharp, the library the learner calls; these make sure that the
/// reference itself is not what is being tested.
/// </summary>
internal static class PyTorchValues
{
    private static readonly Lazy<Values> All = new(Load);

    public static (Tensor Z, Tensor Sigmoid) Sigmoid => (tensor(All.Value.Sigmoid.Z), tensor(All.Value.Sigmoid.Sigmoid));

    public static (Tensor Logits, Tensor Softmax) SoftmaxRows =>
        (Matrix(All.Value.SoftmaxRows.Logits), Matrix(All.Value.SoftmaxRows.Softmax));

    /// <summary>Ordinary cases, or with <paramref name="extreme"/> the ones only a numerically stable form gets right.</summary>
    public static IEnumerable<(BinaryProblem Problem, Tensor Loss, Parameters Gradient)> Binary(bool extreme) =>
        All
            .Value.Binary.Where(c => c.Extreme == extreme)
            .Select(c =>
                (
                    new BinaryProblem(Described(c.Name), Matrix(c.X), tensor(c.Y), tensor(c.W), tensor(c.B)),
                    tensor(c.Loss),
                    new Parameters(tensor(c.GradW), tensor(c.GradB))
                )
            );

    /// <summary>Ordinary cases, or with <paramref name="extreme"/> the ones only a numerically stable form gets right.</summary>
    public static IEnumerable<(SoftmaxProblem Problem, Tensor Loss, Parameters Gradient)> Softmax(bool extreme) =>
        All
            .Value.Softmax.Where(c => c.Extreme == extreme)
            .Select(c =>
                (
                    new SoftmaxProblem(Described(c.Name), Matrix(c.X), tensor(c.Labels), Matrix(c.W), tensor(c.B)),
                    tensor(c.Loss),
                    new Parameters(Matrix(c.GradW), tensor(c.GradB))
                )
            );

    public static IEnumerable<(BinaryProblem Data, double Rate, int Steps, Parameters Trained)> Training =>
        All.Value.Training.Select(c =>
            (
                new BinaryProblem(Described(c.Name), Matrix(c.X), tensor(c.Y), zeros(c.X[0].Length, dtype: float64), tensor(0.0)),
                c.Rate,
                c.Steps,
                new Parameters(tensor(c.W), tensor(c.B))
            )
        );

    private static string Described(string name) => $"{name} (expected values from PyTorch)";

    private static Tensor Matrix(double[][] rows) => tensor(rows.SelectMany(row => row).ToArray()).reshape(rows.Length, rows[0].Length);

    private static Values Load()
    {
        using var stream =
            typeof(PyTorchValues).Assembly.GetManifestResourceStream("pytorch-values.json")
            ?? throw new InvalidOperationException("pytorch-values.json is not embedded in the grader assembly.");
        return JsonSerializer.Deserialize<Values>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("pytorch-values.json is empty.");
    }

    private sealed record Values(
        SigmoidCase Sigmoid,
        BinaryCase[] Binary,
        RowsCase SoftmaxRows,
        SoftmaxCase[] Softmax,
        TrainingCase[] Training
    );

    private sealed record SigmoidCase(double[] Z, double[] Sigmoid);

    private sealed record RowsCase(double[][] Logits, double[][] Softmax);

    private sealed record BinaryCase(
        string Name,
        bool Extreme,
        double[][] X,
        double[] Y,
        double[] W,
        double B,
        double Loss,
        double[] GradW,
        double GradB
    );

    private sealed record SoftmaxCase(
        string Name,
        bool Extreme,
        double[][] X,
        long[] Labels,
        double[][] W,
        double[] B,
        double Loss,
        double[][] GradW,
        double[] GradB
    );

    private sealed record TrainingCase(string Name, double[][] X, double[] Y, double Rate, int Steps, double[] W, double B);
}
