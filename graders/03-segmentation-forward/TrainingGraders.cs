using ExerciseKit.Grading;
using Xunit;
using static System.FormattableString;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.SegmentationForward;

public sealed class TrainingGraders
{
    private const int Steps = 120;
    private const int BatchSize = 16;
    private const int Size = 24;
    private const double Required = 0.9;

    [Fact, Graded("training", 5)]
    public void Trained_briefly_it_reaches_mean_IoU_0_9_on_held_out_shapes()
    {
        // Tensors this small train as fast on one thread as on two, for half the CPU time (what a class grading pays).
        using var scope = NewDisposeScope();
        using var owned = Nets.Create(1, ShapesTask.Classes, width: 8, seed: 2026);
        var net = owned.Net;
        var threads = get_num_threads();
        set_num_threads(1);
        var subjectThreads = net.UseThreads(1);
        try
        {
            Train(owned);
        }
        finally
        {
            set_num_threads(threads);
            net.UseThreads(subjectThreads);
        }
    }

    private static void Train(OwnedNet owned)
    {
        var net = owned.Net;
        var data = new Generator(7);
        var losses = new List<float>();

        owned.Train();
        for (var step = 0; step < Steps; step++)
        {
            using var stepScope = NewDisposeScope();
            var (images, masks) = ShapesTask.Batch(BatchSize, Size, data);
            losses.Add(Nets.Call($"Training step {step}", () => net.TrainStep(images, masks, learningRate: 0.01)));
            GradingFailure.Unless(float.IsFinite(losses[^1]), $"The loss became {losses[^1]} at step {step}.");
        }

        owned.Eval();
        using var evaluation = no_grad();
        var (heldOut, truth) = ShapesTask.Batch(64, Size, new Generator(99));
        var iou = ShapesTask.IouPerClass(Nets.Forward(net, heldOut, "Evaluation").argmax(1), truth);
        var mean = iou.Average();
        GradingFailure.Unless(
            mean >= Required,
            Invariant($"After {Steps} Adam steps (batch {BatchSize}, {Size}×{Size}, 3 classes) mean IoU on held-out images is {mean:F3}")
                + Invariant($" (background {iou[0]:F3}, squares {iou[1]:F3}, crosses {iou[2]:F3}); required {Required}. ")
                + Invariant($"Loss went from {losses[0]:F3} to {losses[^1]:F3}. If the other graders pass, look at what reaches the head: ")
                + "the skips give detail, the bottleneck gives context to tell a square from a cross."
        );
    }
}
