using ExerciseKit.Analyzers.CodeFixes;
using ExerciseKit.Analyzers.Rules;
using Xunit;

namespace ExerciseKit.Tests.Analyzers;

public sealed class StubNotImplementedAnalyzerTests
{
    [Fact]
    public Task A_member_that_still_throws_NotImplementedException_is_listed() =>
        AnalyzerHarness.VerifyAsync(
            new StubNotImplementedAnalyzer(),
            """
            public static class Stub
            {
                public static int Todo() => [|throw new NotImplementedException("Write me.")|];
                public static int Done(int x) => x < 0 ? throw new ArgumentOutOfRangeException(nameof(x)) : x;
            }
            """
        );
}

public sealed partial class AutogradInHandDerivedGradientAnalyzerTests
{
    private const string Source = """
        public static class Gradients
        {
            public static Tensor Grad(Tensor x, Tensor w)
            {
                var leaf = [|w.detach().requires_grad_()|];
                var loss = x.matmul(leaf).sum();
                [|loss.backward()|];
                return [|leaf.grad|]!;
            }

            public static Tensor ByHand(Tensor x, Tensor w) => x.T.matmul(x.matmul(w)) / x.shape[0];
        }
        """;

    private static readonly Dictionary<string, string> Forbidden = new() { ["ExerciseKitForbidAutograd"] = "true" };

    [Fact]
    public Task Autograd_is_reported_where_the_exercise_forbids_it() =>
        AnalyzerHarness.VerifyAsync(new AutogradInHandDerivedGradientAnalyzer(), Source, Forbidden);

    [Fact]
    public Task Autograd_is_fine_in_other_exercises() =>
        AnalyzerHarness.VerifyAsync(new AutogradInHandDerivedGradientAnalyzer(), Source.Replace("[|", "").Replace("|]", ""));
}

public sealed partial class OverflowProneFormAnalyzerTests
{
    [Fact]
    public Task The_textbook_sigmoid_and_the_log_of_a_probability_are_reported_but_stable_forms_are_not() =>
        AnalyzerHarness.VerifyAsync(
            new OverflowProneFormAnalyzer(),
            """
            public static class Forms
            {
                public static Tensor Naive(Tensor z) => 1 / (1 + [|exp(-z)|]);
                public static Tensor NaiveMethod(Tensor z) => 1 / (1 + [|(-z).exp()|]);
                public static Tensor LogOfSigmoid(Tensor z) => [|log(sigmoid(z))|];
                public static Tensor LogOfComplement(Tensor z) => [|log(1 - sigmoid(z))|];

                public static Tensor Stable(Tensor z) => where(z >= 0, 1 / (1 + exp(-z.abs())), exp(-z.abs()) / (1 + exp(-z.abs())));
                public static Tensor Softplus(Tensor z) => z.clamp_min(0) + log1p(exp(-z.abs()));
                public static Tensor Growth(Tensor z) => exp(-z) * 2;
            }
            """
        );

    [Fact]
    public Task The_fix_rewrites_the_sigmoid_into_the_stable_form() =>
        CodeFixHarness.VerifyAsync(
            new OverflowProneFormAnalyzer(),
            new StableSigmoidCodeFixProvider(),
            "public static class S { public static Tensor Sigmoid(Tensor z) => 1 / (1 + exp(-z)); }",
            "public static class S { public static Tensor Sigmoid(Tensor z) => where(z >= 0, 1 / (1 + exp(-(z).abs())), exp(-(z).abs()) / (1 + exp(-(z).abs()))); }"
        );
}

public sealed class ElementLoopOverTensorAnalyzerTests
{
    [Fact]
    public Task Item_inside_a_loop_is_reported_but_not_outside() =>
        AnalyzerHarness.VerifyAsync(
            new ElementLoopOverTensorAnalyzer(),
            """
            public static class Sums
            {
                public static double Slow(Tensor t)
                {
                    var total = 0.0;
                    for (var i = 0; i < t.shape[0]; i++)
                    {
                        total += [|t[i].item<double>()|];
                    }

                    return total;
                }

                public static double Fast(Tensor t) => t.sum().item<double>();
            }
            """
        );
}
