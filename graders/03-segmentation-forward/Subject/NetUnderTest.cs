using ExerciseKit.Exercises.SegmentationForward;
using static TorchSharp.torch;

namespace ExerciseKit.Subjects.SegmentationForward;

/// <summary>
/// A probe: the learner's network and what the graders need done beside it, in the process that runs it. Forward
/// hooks, gradients and training steps cannot cross the boundary; this runs them and sends back what it saw. Every
/// answer is an observation the learner's code could forge: the graders decide what it is worth.
/// </summary>
public sealed class NetUnderTest : IDisposable
{
    private readonly SegmentationNet net;
    private optim.Optimizer? optimizer;

    public NetUnderTest(int inChannels, int classes, int width, long seed)
    {
        manual_seed(seed);
        net = new SegmentationNet(inChannels, classes, width);
    }

    /// <summary>Copies the graders' weights and statistics in, by name; a name the network does not have is an error.</summary>
    public void Load(Dictionary<string, Tensor> state)
    {
        using var noGrad = no_grad();
        var own = net.state_dict();
        foreach (var (name, value) in state)
        {
            var target =
                own.GetValueOrDefault(name) ?? throw new InvalidOperationException($"SegmentationNet has no parameter or buffer {name}.");
            target.copy_(value.to(target.dtype).reshape(target.shape));
        }
    }

    public Tensor Forward(Tensor x) => net.call(x);

    public void Eval() => net.eval();

    public void Train() => net.train();

    /// <summary>The network or any of its modules is in training mode.</summary>
    public bool AnyInTraining => net.training || net.modules().Any(m => m.training);

    public int ParameterCount => net.parameters().Count();

    public Dictionary<string, Tensor> Buffers() => net.named_buffers().ToDictionary(b => b.name, b => b.buffer);

    /// <summary>One forward, then a backward pass of a random weighting of the output: which parameters got no gradient.</summary>
    public GradientReport Backward(Tensor x)
    {
        var before = ParameterCount;
        var output = net.call(x);
        var after = ParameterCount;
        if (after == before)
        {
            (output * randn_like(output)).sum().backward();
        }
        var withoutGradient = net.named_parameters()
            .Where(p => p.parameter.grad is not { } grad || grad.abs().sum().item<float>() == 0)
            .Select(p => p.name)
            .ToList();
        return new GradientReport(before, after, withoutGradient);
    }

    /// <summary>The names of the network's blocks in the order their forward passes finished, during one forward.</summary>
    public List<string> Trace(Tensor x)
    {
        var calls = new List<string>();
        Hooked((name, _) => calls.Add(name), () => net.call(x));
        return calls;
    }

    /// <summary>One forward with a hook on every block: each block's inputs, one per call, and what forward returned.</summary>
    public Recording Record(Tensor x)
    {
        var inputs = new Dictionary<string, List<Tensor>>();
        var output = Hooked(
            (name, input) =>
            {
                if (!inputs.TryGetValue(name, out var calls))
                {
                    inputs[name] = calls = [];
                }
                calls.Add(input.detach().clone().DetachFromDisposeScope()); // the learner's forward may run in a dispose scope of its own
            },
            () => net.call(x)
        );
        return new Recording(inputs, output);
    }

    /// <summary>The gradient of one output score (class, row, column, summed over the batch) with respect to the input.</summary>
    public Tensor InputGradient(Tensor x, int classIndex, int row, int column)
    {
        var input = x.detach().clone().requires_grad_();
        var output = net.call(input);
        output.select(1, classIndex).select(1, row).select(1, column).sum().backward();
        return input.grad!;
    }

    /// <summary>One Adam step (made on the first call, with <paramref name="learningRate"/>) on the cross-entropy of a batch: its loss.</summary>
    public float TrainStep(Tensor images, Tensor masks, double learningRate)
    {
        optimizer ??= optim.Adam(net.parameters(), lr: learningRate);
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        var loss = nn.functional.cross_entropy(net.call(images), masks);
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

    /// <summary>Sets libtorch's intra-op threads; returns the number before.</summary>
    public int UseThreads(int threads)
    {
        var before = get_num_threads();
        set_num_threads(threads);
        return before;
    }

    private Tensor Hooked(Action<string, Tensor> seen, Func<Tensor> run)
    {
        var hooks = net.named_children()
            .Where(child => child.module is nn.Module<Tensor, Tensor>)
            .Select(child =>
                ((nn.Module<Tensor, Tensor>)child.module).register_forward_hook(
                    (_, input, output) =>
                    {
                        seen(child.name, input);
                        return output;
                    }
                )
            )
            .ToList();
        try
        {
            return run();
        }
        finally
        {
            hooks.ForEach(h => h.remove());
        }
    }

    public void Dispose()
    {
        optimizer?.Dispose();
        foreach (var tensor in net.parameters().Concat<Tensor>(net.buffers()).ToList())
        {
            tensor.Dispose();
        }
        net.Dispose();
    }
}

public sealed record GradientReport(int ParametersBefore, int ParametersAfter, List<string> WithoutGradient);

public sealed record Recording(Dictionary<string, List<Tensor>> Inputs, Tensor Output);
