using ExerciseKit.Analyzers.CodeFixes;
using ExerciseKit.Analyzers.Rules;
using Xunit;

namespace ExerciseKit.Tests.Analyzers;

public sealed partial class ModuleCreatedInForwardAnalyzerTests
{
    [Fact]
    public Task A_module_built_in_forward_is_reported_but_not_one_built_in_the_constructor() =>
        AnalyzerHarness.VerifyAsync(
            new ModuleCreatedInForwardAnalyzer(),
            """
            public sealed class Net : nn.Module<Tensor, Tensor>
            {
                private readonly nn.Module<Tensor, Tensor> layer;

                public Net() : base("net")
                {
                    layer = nn.Linear(4, 4);
                    RegisterComponents();
                }

                public override Tensor forward(Tensor x)
                {
                    using var head = [|nn.Linear(4, 2)|];
                    return head.call(layer.call(x));
                }
            }
            """
        );
}

public sealed class RegisterComponentsAnalyzerTests
{
    [Fact]
    public Task A_missing_or_early_RegisterComponents_is_reported() =>
        AnalyzerHarness.VerifyAsync(
            new RegisterComponentsAnalyzer(),
            """
            public sealed class Forgotten : nn.Module<Tensor, Tensor>
            {
                private readonly nn.Module<Tensor, Tensor> layer;
                public [|Forgotten|]() : base("f") => layer = nn.Linear(4, 4);
                public override Tensor forward(Tensor x) => layer.call(x);
            }

            public sealed class Early : nn.Module<Tensor, Tensor>
            {
                private readonly nn.Module<Tensor, Tensor> first;
                private readonly nn.Module<Tensor, Tensor> second;

                public Early() : base("e")
                {
                    first = nn.Linear(4, 4);
                    RegisterComponents();
                    [|second = nn.Linear(4, 4)|];
                }

                public override Tensor forward(Tensor x) => second.call(first.call(x));
            }

            public sealed class Right : nn.Module<Tensor, Tensor>
            {
                private readonly nn.Module<Tensor, Tensor> layer;

                public Right() : base("r")
                {
                    layer = nn.Linear(4, 4);
                    RegisterComponents();
                }

                public override Tensor forward(Tensor x) => layer.call(x);
            }
            """
        );

    [Fact]
    public Task The_fix_adds_the_call_at_the_end_of_the_constructor() =>
        CodeFixHarness.VerifyAsync(
            new RegisterComponentsAnalyzer(),
            new RegisterComponentsCodeFixProvider(),
            """
            public sealed class Net : Module<Tensor, Tensor>
            {
                private readonly Module<Tensor, Tensor> layer;
                public Net() : base("n") { layer = Linear(4, 4); }
                public override Tensor forward(Tensor x) => layer.call(x);
            }
            """,
            """
            public sealed class Net : Module<Tensor, Tensor>
            {
                private readonly Module<Tensor, Tensor> layer;
                public Net() : base("n") { layer = Linear(4, 4); RegisterComponents(); }
                public override Tensor forward(Tensor x) => layer.call(x);
            }
            """
        );
}

public sealed class SubmodulePropertyAnalyzerTests
{
    [Fact]
    public Task An_auto_property_holding_a_module_is_reported_but_fields_and_computed_properties_are_not() =>
        AnalyzerHarness.VerifyAsync(
            new SubmodulePropertyAnalyzer(),
            """
            public sealed class Net : nn.Module<Tensor, Tensor>
            {
                private readonly nn.Module<Tensor, Tensor> body = nn.Linear(4, 4);

                public Net() : base("n")
                {
                    Head = nn.Linear(4, 2);
                    RegisterComponents();
                }

                public nn.Module<Tensor, Tensor> [|Head|] { get; }

                public nn.Module<Tensor, Tensor> Body => body;

                public override Tensor forward(Tensor x) => Head.call(body.call(x));
            }
            """
        );
}

public sealed partial class SoftmaxInForwardAnalyzerTests
{
    [Fact]
    public Task Softmax_in_forward_is_reported_but_not_when_predicting() =>
        AnalyzerHarness.VerifyAsync(
            new SoftmaxInForwardAnalyzer(),
            """
            public sealed class Net : nn.Module<Tensor, Tensor>
            {
                private readonly nn.Module<Tensor, Tensor> head = nn.Linear(4, 3);
                public Net() : base("n") => RegisterComponents();
                public override Tensor forward(Tensor x) => [|nn.functional.softmax(head.call(x), 1)|];
                public Tensor Probabilities(Tensor x) => nn.functional.softmax(forward(x), 1);
            }
            """
        );
}

public sealed class TrainingLoopWithoutDisposeScopeAnalyzerTests
{
    [Fact]
    public Task A_training_loop_without_a_scope_is_reported() =>
        AnalyzerHarness.VerifyAsync(
            new TrainingLoopWithoutDisposeScopeAnalyzer(),
            """
            public static class Training
            {
                public static void Leaky(nn.Module<Tensor, Tensor> net, optim.Optimizer optimizer, Tensor x, Tensor y)
                {
                    [|for|] (var step = 0; step < 10; step++)
                    {
                        optimizer.zero_grad();
                        nn.functional.mse_loss(net.call(x), y).backward();
                        optimizer.step();
                    }
                }

                public static void Scoped(nn.Module<Tensor, Tensor> net, optim.Optimizer optimizer, Tensor x, Tensor y)
                {
                    for (var step = 0; step < 10; step++)
                    {
                        using var scope = NewDisposeScope();
                        optimizer.zero_grad();
                        nn.functional.mse_loss(net.call(x), y).backward();
                        optimizer.step();
                    }
                }
            }
            """
        );
}
