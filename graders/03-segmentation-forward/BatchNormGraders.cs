using ExerciseKit.Grading;
using Xunit;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.SegmentationForward;

public sealed class BatchNormGraders
{
    [Fact, Graded("batchnorm", 2)]
    public void Eval_is_deterministic_and_per_image_while_training_uses_batch_statistics()
    {
        using var scope = NewDisposeScope();
        using var owned = Nets.Create(3, 4);
        var net = owned.Net;
        var batch = randn(4, 3, 16, 16);
        var first = batch.narrow(0, 0, 1);

        owned.Eval();
        var alone = Nets.Forward(net, first, "eval, one image");
        var inBatch = Nets.Forward(net, batch, "eval, four images").narrow(0, 0, 1);
        var again = Nets.Forward(net, first, "eval, the same image again");
        GradingFailure.Unless(
            alone.allclose(again, rtol: 0, atol: 0),
            "In eval mode the same input gave two different outputs. Is something random inside forward (new modules, dropout, randn)?"
        );
        GradingFailure.Unless(
            alone.allclose(inBatch, rtol: 1e-4, atol: 1e-5),
            "In eval mode an image's output changed with the other images in its batch. Do not switch BatchNorm to training inside forward; "
                + "eval-mode BatchNorm uses its running statistics, so each image is predicted on its own."
        );

        owned.Train();
        var trainAlone = Nets.Forward(net, cat([first, batch.narrow(0, 1, 1)], 0), "train, images 1 and 2").narrow(0, 0, 1);
        var trainOther = Nets.Forward(net, cat([first, batch.narrow(0, 2, 2)], 0), "train, images 1, 3 and 4").narrow(0, 0, 1);
        GradingFailure.Unless(
            !trainAlone.allclose(trainOther, rtol: 1e-4, atol: 1e-5),
            "In training mode the first image's output did not depend on the rest of the batch: BatchNorm is not normalising with batch "
                + "statistics. Call the bn fields in forward, and do not put the network in eval mode yourself."
        );
    }

    [Fact, Graded("batchnorm", 1, Hidden = true)]
    public void A_training_forward_updates_every_running_mean()
    {
        using var scope = NewDisposeScope();
        using var owned = Nets.Create(3, 4);
        var net = owned.Net;
        owned.Train();
        Nets.Forward(net, randn(4, 3, 16, 16) + 2, "train, input with mean 2");

        var untouched = net.Buffers()
            .Where(b => b.Key.EndsWith("running_mean", StringComparison.Ordinal) && b.Value.abs().sum().item<float>() == 0)
            .Select(b => b.Key.Split('.')[0])
            .ToList();
        GradingFailure.Unless(
            untouched.Count == 0,
            $"After a training step the running mean of {string.Join(", ", untouched)} is still zero: those BatchNorms did not see the batch, so eval mode would use made-up statistics."
        );
    }
}
