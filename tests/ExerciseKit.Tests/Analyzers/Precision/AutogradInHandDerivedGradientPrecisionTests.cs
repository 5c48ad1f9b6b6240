using ExerciseKit.Analyzers.Rules;
using Xunit;

namespace ExerciseKit.Tests.Analyzers;

/// <summary>EK1001 on hand-derived gradients written in other styles, and on the ways autograd still shows.</summary>
public sealed partial class AutogradInHandDerivedGradientAnalyzerTests
{
    [Fact]
    public Task Hand_derived_gradients_in_other_styles_are_not_reported() =>
        AnalyzerHarness.VerifyAsync(
            new AutogradInHandDerivedGradientAnalyzer(),
            """
            public sealed record Step(Tensor Weights, Tensor Bias);

            public static class ByHand
            {
                public static Step NoGradScope(Tensor x, Tensor y, Tensor w, Tensor b)
                {
                    using var noGrad = no_grad();
                    var residual = (x.matmul(w) + b).sigmoid() - y;
                    return new Step(x.T.matmul(residual) / x.shape[0], residual.mean());
                }

                public static Tensor Einsum(Tensor x, Tensor residual) => einsum("ni,n->i", x, residual) / x.shape[0];

                public static Tensor PlainLeaves(Tensor x) => zeros(x.shape[1], dtype: float64, requires_grad: false) + x.mean([0L]);

                public static Tensor LocalFunction(Tensor x, Tensor y, Tensor w)
                {
                    Tensor Grad(Tensor residual) => x.T.mm(residual).div(x.shape[0]);
                    var grad = Grad(x.mm(w) - y);
                    return grad;
                }

                public static Tensor Descend(Tensor w, Tensor x, Tensor y, int steps)
                {
                    var current = w.detach().clone();
                    for (var step = 0; step < steps; step++)
                    {
                        using var scope = NewDisposeScope();
                        var grad = x.T.matmul(x.matmul(current) - y) / x.shape[0];
                        current.sub_(0.1 * grad);
                    }

                    return current;
                }

                public static Tensor PerBatch(IEnumerable<(Tensor X, Tensor Y)> batches, Tensor w) =>
                    batches.Select(batch => batch.X.T.matmul(batch.X.matmul(w) - batch.Y)).Aggregate((a, c) => a + c);

                public static Tensor InferenceOnly(Tensor x, Tensor w)
                {
                    using (inference_mode())
                    {
                        return x.matmul(w);
                    }
                }
            }
            """,
            Forbidden
        );

    [Fact]
    public Task Autograd_in_other_spellings_is_still_reported() =>
        AnalyzerHarness.VerifyAsync(
            new AutogradInHandDerivedGradientAnalyzer(),
            """
            public static class Sneaky
            {
                public static Tensor Grad(Tensor x, Tensor w)
                {
                    var leaf = w.clone();
                    [|leaf.requires_grad|] = true;
                    var loss = x.matmul(leaf).sum();
                    return [|autograd.grad([loss], [leaf])|][0];
                }

                public static bool Tracks(Tensor w) => [|w.requires_grad|];
            }
            """,
            Forbidden
        );
}
