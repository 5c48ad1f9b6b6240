using ExerciseKit.Analyzers.Rules;
using Xunit;

namespace ExerciseKit.Tests.Analyzers;

/// <summary>EK3004 on softmax used where it belongs: after forward, in losses and predictions.</summary>
public sealed partial class SoftmaxInForwardAnalyzerTests
{
    [Fact]
    public Task Softmax_outside_forward_is_not_reported() =>
        AnalyzerHarness.VerifyAsync(
            new SoftmaxInForwardAnalyzer(),
            """
            public sealed class Net : nn.Module<Tensor, Tensor>
            {
                private static readonly Func<Tensor, Tensor> ToProbabilities = logits => nn.functional.softmax(logits, 1);

                private readonly nn.Module<Tensor, Tensor> head = nn.Linear(4, 3);

                public Net() : base("n") => RegisterComponents();

                public override Tensor forward(Tensor x) => head.call(x);

                public Tensor Classes(Tensor x)
                {
                    using var noGrad = no_grad();
                    return forward(x).argmax(1);
                }

                public Tensor Confidence(Tensor x) => ToProbabilities(forward(x)).amax([1L]);
            }

            public static class Training
            {
                public static Tensor CrossEntropy(nn.Module<Tensor, Tensor> net, Tensor x, Tensor y) =>
                    nn.functional.cross_entropy(net.call(x), y);

                public static Tensor ByHand(nn.Module<Tensor, Tensor> net, Tensor x, Tensor y) =>
                    nn.functional.nll_loss(nn.functional.log_softmax(net.call(x), 1), y);

                public static Tensor Probabilities(Tensor logits) => logits.softmax(1);
            }

            public sealed class NotAModule
            {
                public Tensor forward(Tensor logits) => logits.softmax(-1);
            }
            """
        );

    [Fact]
    public Task Softmax_in_forward_in_other_spellings_is_still_reported() =>
        AnalyzerHarness.VerifyAsync(
            new SoftmaxInForwardAnalyzer(),
            """
            public sealed class Net : nn.Module<Tensor, Tensor>
            {
                private readonly nn.Module<Tensor, Tensor> head = nn.Linear(4, 3);

                public Net() : base("n") => RegisterComponents();

                public override Tensor forward(Tensor x)
                {
                    Tensor Normalise(Tensor logits) => [|logits.log_softmax(1)|];
                    return Normalise(head.call(x));
                }
            }
            """
        );
}
