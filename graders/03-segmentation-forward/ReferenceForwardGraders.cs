using System.Globalization;
using ExerciseKit.Grading;
using Xunit;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.SegmentationForward;

/// <summary>
/// The golden test: the grader wires the same blocks itself (calling their forward directly, so no hook sees it),
/// then runs the learner's forward on the same weights with a hook on every block and compares what each block
/// received with what the reference gave it, in data-flow order. The first block whose input differs is the
/// place where the wiring goes wrong, and the message says which tensor belongs there and, when it can tell,
/// which tensor came instead.
/// </summary>
public sealed class ReferenceForwardGraders
{
    /// <summary>Blocks that run exactly once per forward, in data-flow order.</summary>
    private static readonly string[] Order =
    [
        "conv1a",
        "bn1a",
        "conv1b",
        "bn1b",
        "conv2a",
        "bn2a",
        "conv2b",
        "bn2b",
        "conv3",
        "bn3",
        "dec2",
        "bnDec2",
        "dec1",
        "bnDec1",
        "head",
    ];

    [Fact, Graded("wiring", 2)]
    public void Forward_matches_the_specified_wiring_block_by_block()
    {
        using var scope = NewDisposeScope();
        using var owned = Nets.Create(3, 4);
        var net = owned.Net;
        GiveBatchNormsDistinctStatistics(owned.Reference);
        owned.SendWeights();
        owned.Eval();
        var x = randn(2, 3, 16, 12);

        var reference = new ReferenceForward(owned.Reference, x);
        var recording = Nets.Call("Input [2, 3, 16, 12], eval mode", () => net.Record(x));
        var seen = recording.Inputs.ToDictionary(e => e.Key, e => e.Value.Select(t => Activation.Of(e.Key, t)).ToList());
        GradingFailure.Unless(recording.Output is not null, "Input [2, 3, 16, 12], eval mode: forward returned null.");
        var returned = Activation.Of("output", recording.Output!);

        GradingFailure.Unless(
            !net.AnyInTraining,
            "After net.eval(), forward left the network in training mode: forward must not switch modes (eval-mode BatchNorm uses its running statistics)."
        );
        foreach (var name in Order)
        {
            var calls = seen.GetValueOrDefault(name) ?? [];
            GradingFailure.Unless(
                calls.Count > 0,
                $"{name} never ran in forward (its forward hook did not fire). Every block runs once per forward, called as {name}.call(x) — "
                    + "block.forward(x) skips the hooks PyTorch-style code relies on."
            );
            GradingFailure.Unless(calls.Count == 1, $"{name} ran {calls.Count} times in one forward pass; every block runs exactly once.");
            Compare($"{name}'s input", calls[0], reference.InputOf(name), reference);
        }

        Compare(
            "The tensor forward returned",
            returned,
            [reference.Output],
            reference,
            "forward returns head's output unchanged: raw logits, nothing applied after the 1×1 head."
        );
        PyTorchForward.RequireSameLogits();
    }

    /// <summary>
    /// Fresh BatchNorms have weight 1, bias 0, running mean 0 and variance 1, so in eval mode they barely change
    /// their input and a conv's output could pass for its BatchNorm's. Distinct statistics tell them apart.
    /// </summary>
    private static void GiveBatchNormsDistinctStatistics(ReferenceNet net)
    {
        using var noGrad = no_grad();
        foreach (var (name, parameter) in net.named_parameters().Where(p => p.name.StartsWith("bn", StringComparison.Ordinal)))
        {
            var scale = name.EndsWith(".weight", StringComparison.Ordinal) ? 1.0 : 0.0;
            parameter.copy_(randn_like(parameter) * 0.3 + scale);
        }

        foreach (var (name, buffer) in net.named_buffers())
        {
            if (name.EndsWith(".running_mean", StringComparison.Ordinal))
            {
                buffer.copy_(randn_like(buffer) * 0.3);
            }
            else if (name.EndsWith(".running_var", StringComparison.Ordinal))
            {
                buffer.copy_(rand_like(buffer) + 0.5);
            }
        }
    }

    private static void Compare(string what, Activation actual, Activation[] parts, ReferenceForward reference, string? rule = null)
    {
        var expectedShape = parts[0].Shape.ToArray();
        expectedShape[1] = parts.Sum(p => p.Shape[1]);
        var recipe = parts.Length == 1 ? parts[0].Description : "torch.cat([" + string.Join(", ", parts.Select(p => p.Name)) + "], dim: 1)";
        GradingFailure.Unless(
            actual.Shape.SequenceEqual(expectedShape),
            $"{what} has shape {Text(actual.Shape)}; the reference gives it {recipe}, of shape {Text(expectedShape)}."
        );

        var expected = Activation.Cat(parts);
        var first = actual.FirstDifference(expected);
        if (first < 0)
        {
            return;
        }

        var differing = actual.CountDifferences(expected);
        var lines = new List<string>
        {
            $"{what} differs from the reference forward computed on the same weights: first at element {actual.Index(first)} "
                + $"(got {Number(actual.Values[first])}, expected {Number(expected.Values[first])}; {differing} of {actual.Values.Length} elements differ).",
            $"  expected: {recipe}",
        };

        if (parts.Length > 1)
        {
            var reversed = Activation.Cat(parts.Reverse().ToArray());
            if (actual.FirstDifference(reversed) < 0)
            {
                lines.Add(
                    "  got the same tensors concatenated in the other order. The upsampled path comes first and the skip second: "
                        + "that is how SegmentationNet.cs lays out the decoder's input channels, and the weights of the block pair with them in that order."
                );
            }
            else
            {
                var from = 0L;
                foreach (var part in parts)
                {
                    var slice = actual.Channels(from, part.Shape[1]);
                    var range = $"channels {from}–{from + part.Shape[1] - 1}";
                    lines.Add(
                        slice.FirstDifference(part) < 0
                            ? $"  {range} hold {part.Description}, as they should."
                            : $"  {range} should hold {part.Description}; {Identify(slice, reference)}."
                    );
                    from += part.Shape[1];
                }
            }
        }
        else
        {
            lines.Add($"  got: {Identify(actual, reference)}.");
        }

        lines.Add(
            "  "
                + (
                    rule
                    ?? "The network has exactly two skip connections (level 2 into dec2, level 1 into dec1), each block is conv → BatchNorm → ReLU, "
                        + "and nothing else is added or applied between blocks."
                )
        );
        throw new GradingFailure(string.Join("\n", lines));
    }

    /// <summary>Says what the learner's tensor is, when it equals a tensor of the reference forward (or is all zeros).</summary>
    private static string Identify(Activation actual, ReferenceForward reference)
    {
        var match = reference.All.FirstOrDefault(r => r.Shape.SequenceEqual(actual.Shape) && actual.FirstDifference(r) < 0);
        return match is not null ? $"it is {match.Description} instead"
            : actual.Values.All(v => v == 0) ? "it is all zeros"
            : "it matches none of the reference's intermediate results (something is added, applied, left out or taken from elsewhere)";
    }

    private static string Text(long[] shape) => "[" + string.Join(", ", shape) + "]";

    private static string Number(float value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>The architecture of SegmentationNet.cs, run by the grader with the learner's blocks.</summary>
    private sealed class ReferenceForward
    {
        private readonly Dictionary<string, Activation[]> inputs = [];
        private readonly Dictionary<string, nn.Module<Tensor, Tensor>> blocks;

        public List<Activation> All { get; } = [];

        public Activation Output { get; }

        public ReferenceForward(ReferenceNet net, Tensor x)
        {
            blocks = net.named_children()
                .Where(c => c.module is nn.Module<Tensor, Tensor>)
                .ToDictionary(c => c.name, c => (nn.Module<Tensor, Tensor>)c.module);
            using var noGrad = no_grad();
            var input = Keep(x, "the input x");
            var level1 = Block("conv1b", "bn1b", Block("conv1a", "bn1a", input, "the first block of level 1"), "level 1's output");
            var pooled1 = Keep(blocks["pool"].forward(level1), "pool(level 1's output)");
            var level2 = Block("conv2b", "bn2b", Block("conv2a", "bn2a", pooled1, "the first block of level 2"), "level 2's output");
            var pooled2 = Keep(blocks["pool"].forward(level2), "pool(level 2's output)");
            var bottleneck = Block("conv3", "bn3", pooled2, "the bottleneck's output");
            var up2 = Keep(blocks["up"].forward(bottleneck), "up(the bottleneck's output)");
            var decoded2 = Block("dec2", "bnDec2", cat([up2, level2], dim: 1), "the dec2 block's output", up2, level2);
            var up1 = Keep(blocks["up"].forward(decoded2), "up(the dec2 block's output)");
            var decoded1 = Block("dec1", "bnDec1", cat([up1, level1], dim: 1), "the dec1 block's output", up1, level1);
            inputs["head"] = [Find(decoded1)];
            Output = Activation.Of("head's output", blocks["head"].forward(decoded1));
            All.Add(Output);
        }

        public Activation[] InputOf(string block) => inputs[block];

        private Tensor Block(string conv, string norm, Tensor input, string description, params Tensor[] parts)
        {
            inputs[conv] = parts.Length > 0 ? parts.Select(Find).ToArray() : [Find(input)];
            var convolved = Keep(blocks[conv].forward(input), $"{conv}'s output (before {norm})");
            inputs[norm] = [Find(convolved)];
            var normalised = Keep(blocks[norm].forward(convolved), $"{norm}'s output (before its ReLU)");
            var activated = Keep(blocks["relu"].forward(normalised), $"{description} = relu({norm}({conv}(…)))", description);
            return activated;
        }

        private readonly Dictionary<Tensor, Activation> kept = new(ReferenceEqualityComparer.Instance);

        private Tensor Keep(Tensor t, string description, string? name = null)
        {
            var activation = Activation.Of(description, t) with { Name = name ?? description };
            kept[t] = activation;
            All.Add(activation);
            return t;
        }

        private Activation Find(Tensor t) => kept[t];
    }

    /// <summary>A tensor copied out of libtorch (so the learner's dispose scopes cannot free it) with a description.</summary>
    private sealed record Activation(string Description, long[] Shape, float[] Values)
    {
        /// <summary>A short name, for lists; <see cref="Description"/> may add how it is computed.</summary>
        public string Name { get; init; } = Description;

        private const float RelativeTolerance = 1e-4f;
        private const float AbsoluteTolerance = 1e-5f;

        public static Activation Of(string description, Tensor t)
        {
            using var copy = t.detach().to(float32).contiguous();
            return new Activation(description, copy.shape, copy.data<float>().ToArray());
        }

        /// <summary>Concatenates NCHW activations along the channel axis.</summary>
        public static Activation Cat(Activation[] parts)
        {
            if (parts.Length == 1)
            {
                return parts[0];
            }

            var shape = parts[0].Shape.ToArray();
            shape[1] = parts.Sum(p => p.Shape[1]);
            var plane = (int)(shape[2] * shape[3]);
            var values = new float[parts.Sum(p => p.Values.Length)];
            var at = 0;
            for (var n = 0; n < shape[0]; n++)
            {
                foreach (var part in parts)
                {
                    var length = (int)part.Shape[1] * plane;
                    Array.Copy(part.Values, n * length, values, at, length);
                    at += length;
                }
            }

            return new Activation("", shape, values);
        }

        public Activation Channels(long from, long count)
        {
            var plane = (int)(Shape[2] * Shape[3]);
            var values = new float[Shape[0] * count * plane];
            for (var n = 0; n < Shape[0]; n++)
            {
                Array.Copy(Values, (int)((n * Shape[1] + from) * plane), values, (int)(n * count * plane), (int)(count * plane));
            }

            return new Activation("", [Shape[0], count, Shape[2], Shape[3]], values);
        }

        public int FirstDifference(Activation other)
        {
            if (!Shape.SequenceEqual(other.Shape))
            {
                return 0;
            }

            for (var i = 0; i < Values.Length; i++)
            {
                if (Differs(Values[i], other.Values[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        public int CountDifferences(Activation other) => Values.Where((v, i) => Differs(v, other.Values[i])).Count();

        private static bool Differs(float actual, float expected) =>
            !(Math.Abs(actual - expected) <= AbsoluteTolerance + RelativeTolerance * Math.Abs(expected));

        /// <summary>The flat position as [n, c, h, w].</summary>
        public string Index(int flat)
        {
            var index = new long[Shape.Length];
            long rest = flat;
            for (var axis = Shape.Length - 1; axis >= 0; axis--)
            {
                index[axis] = rest % Shape[axis];
                rest /= Shape[axis];
            }

            return "[" + string.Join(", ", index) + "]";
        }
    }
}
