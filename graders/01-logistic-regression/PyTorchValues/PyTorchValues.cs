using ExerciseKit.Grading;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.LogisticRegression;

/// <summary>
/// Cases whose expected values come from a second implementation: PyTorch in float64, each value also checked
/// against a NumPy formula by <c>generate.py</c>. The other expectations in these graders come from TorchSharp, the
/// library the learner calls; these make sure that the reference itself is not what is being tested. The cases of
/// hidden graders live in their own file, which the student release leaves out with those graders.
/// </summary>
internal static class PyTorchValues
{
    private static readonly Lazy<PublicCases> Public = new(() =>
        EmbeddedJson.Load<PublicCases>(typeof(PyTorchValues).Assembly, "pytorch-values.json")
    );

    private static readonly Lazy<HiddenCases> HiddenGraderCases = new(() =>
        EmbeddedJson.Load<HiddenCases>(typeof(PyTorchValues).Assembly, "pytorch-values.hidden.json")
    );

    public static IEnumerable<(BinaryProblem Problem, Tensor Loss, Parameters Gradient)> Binary => Public.Value.Binary.Select(Expect);

    public static IEnumerable<(SoftmaxProblem Problem, Tensor Loss, Parameters Gradient)> Softmax => Public.Value.Softmax.Select(Expect);

    /// <summary>Logits far from 0, where only a numerically stable form gets every digit right.</summary>
    public static IEnumerable<(BinaryProblem Problem, Tensor Loss, Parameters Gradient)> ExtremeBinary =>
        HiddenGraderCases.Value.Binary.Select(Expect);

    /// <summary>Rows of logits hundreds apart, where only a shift by each row's own maximum stays finite.</summary>
    public static IEnumerable<(SoftmaxProblem Problem, Tensor Loss, Parameters Gradient)> ExtremeSoftmax =>
        HiddenGraderCases.Value.Softmax.Select(Expect);

    public static (Tensor Z, Tensor Sigmoid) ExtremeSigmoid =>
        (tensor(HiddenGraderCases.Value.Sigmoid.Z), tensor(HiddenGraderCases.Value.Sigmoid.Sigmoid));

    public static (Tensor Logits, Tensor Softmax) ExtremeSoftmaxRows =>
        (Matrix(HiddenGraderCases.Value.SoftmaxRows.Logits), Matrix(HiddenGraderCases.Value.SoftmaxRows.Softmax));

    public static IEnumerable<(BinaryProblem Data, double Rate, int Steps, Parameters Trained)> Training =>
        HiddenGraderCases.Value.Training.Select(c =>
            (
                new BinaryProblem(Described(c.Name), Matrix(c.X), tensor(c.Y), zeros(c.X[0].Length, dtype: float64), tensor(0.0)),
                c.Rate,
                c.Steps,
                new Parameters(tensor(c.W), tensor(c.B))
            )
        );

    private static (BinaryProblem, Tensor, Parameters) Expect(BinaryCase c) =>
        (
            new BinaryProblem(Described(c.Name), Matrix(c.X), tensor(c.Y), tensor(c.W), tensor(c.B)),
            tensor(c.Loss),
            new Parameters(tensor(c.GradW), tensor(c.GradB))
        );

    private static (SoftmaxProblem, Tensor, Parameters) Expect(SoftmaxCase c) =>
        (
            new SoftmaxProblem(Described(c.Name), Matrix(c.X), tensor(c.Labels), Matrix(c.W), tensor(c.B)),
            tensor(c.Loss),
            new Parameters(Matrix(c.GradW), tensor(c.GradB))
        );

    private static string Described(string name) => $"{name} (expected values from PyTorch)";

    private static Tensor Matrix(double[][] rows) => tensor(rows.SelectMany(row => row).ToArray()).reshape(rows.Length, rows[0].Length);

    private sealed record PublicCases(BinaryCase[] Binary, SoftmaxCase[] Softmax);

    private sealed record HiddenCases(
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
