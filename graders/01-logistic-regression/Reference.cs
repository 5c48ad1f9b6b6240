using static TorchSharp.torch;

namespace ExerciseKit.Graders.LogisticRegression;

/// <summary>What the learner's code should return, computed by TorchSharp's own loss functions and autograd.</summary>
internal static class Reference
{
    public static (Tensor Loss, Parameters Gradient) Binary(BinaryProblem p) =>
        WithAutograd(p.W, p.B, (w, b) => nn.functional.binary_cross_entropy_with_logits(p.X.matmul(w) + b, p.Y));

    public static (Tensor Loss, Parameters Gradient) Softmax(SoftmaxProblem p) =>
        WithAutograd(p.W, p.B, (w, b) => nn.functional.cross_entropy(p.X.matmul(w) + b, p.Labels));

    /// <summary>Binary gradient descent from zero with autograd gradients.</summary>
    public static Parameters TrainBinary(Tensor x, Tensor y, double learningRate, int steps)
    {
        var w = zeros(x.shape[1], dtype: float64);
        var b = zeros([], dtype: float64);
        for (var step = 0; step < steps; step++)
        {
            using var scope = NewDisposeScope();
            var gradient = Binary(new BinaryProblem("", x, y, w, b)).Gradient;
            w.sub_(gradient.Weights * learningRate);
            b.sub_(gradient.Bias * learningRate);
        }

        return new Parameters(w, b);
    }

    private static (Tensor Loss, Parameters Gradient) WithAutograd(Tensor w, Tensor b, Func<Tensor, Tensor, Tensor> loss)
    {
        var wLeaf = w.detach().clone().requires_grad_();
        var bLeaf = b.detach().clone().requires_grad_();
        var value = loss(wLeaf, bLeaf);
        value.backward();
        return (value.detach(), new Parameters(wLeaf.grad!.clone(), bLeaf.grad!.clone()));
    }
}
