using ExerciseKit.Analyzers.Rules;
using Xunit;

namespace ExerciseKit.Tests.Analyzers;

/// <summary>EK3001 on forward passes written in other styles that create no module.</summary>
public sealed partial class ModuleCreatedInForwardAnalyzerTests
{
    [Fact]
    public Task Forward_passes_that_only_call_their_blocks_or_functional_ops_are_not_reported() =>
        AnalyzerHarness.VerifyAsync(
            new ModuleCreatedInForwardAnalyzer(),
            """
            using TorchSharp.Modules;

            public sealed class Functional : nn.Module<Tensor, Tensor>
            {
                private readonly Conv2d conv = nn.Conv2d(3, 8, kernel_size: 3, padding: 1);
                private readonly BatchNorm2d norm = nn.BatchNorm2d(8);

                public Functional() : base("functional") => RegisterComponents();

                public override Tensor forward(Tensor x)
                {
                    using var scope = NewDisposeScope();
                    var features = nn.functional.relu(norm.call(conv.call(x)));
                    var pooled = nn.functional.max_pool2d(features, 2);
                    var restored = nn.functional.interpolate(pooled, scale_factor: [2.0, 2.0]);
                    return cat([restored, features], dim: 1).MoveToOuterDisposeScope();
                }
            }

            public sealed class Stages : nn.Module<Tensor, Tensor>
            {
                private readonly nn.Module<Tensor, Tensor>[] stages;

                public Stages() : base("stages")
                {
                    stages = [Block(3, 8), Block(8, 8)];
                    RegisterComponents();
                }

                private static nn.Module<Tensor, Tensor> Block(int input, int output) =>
                    nn.Sequential(nn.Conv2d(input, output, 3, padding: 1), nn.BatchNorm2d(output), nn.ReLU());

                public override Tensor forward(Tensor x) => stages.Aggregate(x, (h, stage) => stage.call(h));
            }

            public sealed class LocalFunctions : nn.Module<Tensor, Tensor>
            {
                private readonly Conv2d first = nn.Conv2d(3, 8, 3, padding: 1);
                private readonly Conv2d second = nn.Conv2d(8, 8, 3, padding: 1);
                private readonly ReLU relu = nn.ReLU();

                public LocalFunctions() : base("local") => RegisterComponents();

                public override Tensor forward(Tensor x)
                {
                    Tensor Step(Conv2d conv, Tensor input) => relu.call(conv.call(input));
                    var h = x;
                    foreach (var conv in new[] { first, second })
                    {
                        h = Step(conv, h);
                    }

                    return training ? h : h.detach();
                }
            }

            public sealed class Tail : nn.Module<Tensor, Tensor>
            {
                private readonly nn.Module<Tensor, Tensor> body = nn.Identity();

                public Tail() : base("tail") => RegisterComponents();

                public override Tensor forward(Tensor x) => body.call(x).relu().flatten(1);
            }
            """
        );
}
