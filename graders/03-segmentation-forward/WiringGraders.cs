using ExerciseKit.Grading;
using Xunit;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.SegmentationForward;

public sealed class WiringGraders
{
    private static readonly (string Conv, string Norm)[] Blocks =
    [
        ("conv1a", "bn1a"),
        ("conv1b", "bn1b"),
        ("conv2a", "bn2a"),
        ("conv2b", "bn2b"),
        ("conv3", "bn3"),
        ("dec2", "bnDec2"),
        ("dec1", "bnDec1"),
    ];

    [Fact, Graded("wiring", 3)]
    public void Every_parameter_receives_a_gradient()
    {
        using var scope = NewDisposeScope();
        using var owned = Nets.Create(3, 4);
        var net = owned.Net;
        var x = randn(2, 3, 16, 16);
        var report = Nets.Call("Input [2, 3, 16, 16]", () => net.Backward(x));
        GradingFailure.Unless(
            report.ParametersAfter == report.ParametersBefore,
            "forward added parameters to the network: it creates modules. Build blocks once, in the constructor, and only call them in forward."
        );

        var unused = report.WithoutGradient;
        GradingFailure.Unless(
            unused.Count == 0,
            $"No gradient reached {string.Join(", ", unused)}: "
                + "those blocks are not on the path from input to output, so they would never train. "
                + "If you created new Conv2d/BatchNorm2d objects inside forward, use the fields instead: new modules get new, untrained weights on every call."
        );
    }

    [Fact, Graded("wiring", 2, Hidden = true)]
    public void Each_convolution_feeds_its_BatchNorm_then_ReLU_once_per_forward()
    {
        using var scope = NewDisposeScope();
        using var owned = Nets.Create(3, 4);
        var net = owned.Net;
        var x = randn(2, 3, 16, 16);
        var calls = Nets.Call("Input [2, 3, 16, 16]", () => net.Trace(x));
        var order = string.Join(" → ", calls);

        GradingFailure.Unless(
            calls.Contains("conv1a"),
            "No block call was seen. Call blocks as conv1a.call(x), not conv1a.forward(x): call() is what runs hooks, like module(x) in PyTorch."
        );
        foreach (var name in Blocks.SelectMany(b => new[] { b.Conv, b.Norm }).Append("head"))
        {
            var count = calls.Count(c => c == name);
            GradingFailure.Unless(count == 1, $"{name} ran {count} times in one forward pass (expected once).\n  order: {order}");
        }

        foreach (var (conv, norm) in Blocks)
        {
            var at = calls.IndexOf(norm);
            GradingFailure.Unless(
                at > 0 && calls[at - 1] == conv && at + 1 < calls.Count && calls[at + 1] == "relu",
                $"Expected {conv} → {norm} → relu. BatchNorm standardises the convolution's output; ReLU then keeps the positive half "
                    + $"of a well-scaled signal (ReLU before BatchNorm would normalise an all-positive signal).\n  order: {order}"
            );
        }

        GradingFailure.Unless(
            calls.Count(c => c == "pool") == 2 && calls.Count(c => c == "up") == 2,
            $"Expected two max-pools and two upsamplings.\n  order: {order}"
        );
        GradingFailure.Unless(calls[^1] == "head", $"The 1×1 head must come last (its output is the logits).\n  order: {order}");
    }
}
