using ExerciseKit.Grading;
using ExerciseKit.Grading.Boundary;
using Xunit;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.SegmentationDataset;

public sealed class FlipGraders
{
    [Fact, Graded("flip", 1)]
    public void A_sure_flip_mirrors_image_and_mask_together_and_p_0_changes_nothing()
    {
        using var scope = NewDisposeScope();
        byte[] classes = [0, 1, 2, 2, 2, 1];
        var rgb = Enumerable.Range(0, 18).Select(i => (byte)(i * 11)).ToArray();
        using var folder = new PngFolder().Image("f", 3, 2, rgb).Mask("f", 3, 2, classes);
        var plain = Sample.Get(SegmentationFolder.New(folder.Root, new SegmentationOptions(3)), 0);

        var always = new SegmentationOptions(3) { Transform = RandomHorizontalFlip.New(1.0, seed: 5) };
        var flipped = Sample.Get(SegmentationFolder.New(folder.Root, always), 0);
        GradingFailure.Unless(
            flipped.Image.SameAs(plain.Image.flip(-1)),
            $"With probability 1 the image must be mirrored left-to-right (flip the last axis, width).\n  plain {Sample.Values(plain.Image)}\n  got   {Sample.Values(flipped.Image)}"
        );
        GradingFailure.Unless(
            flipped.Mask.SameAs(plain.Mask.flip(-1)),
            $"The image was flipped but the mask {Sample.Values(flipped.Mask)} was not flipped the same way: every pixel would get another pixel's class."
        );

        var never = RandomHorizontalFlip.New(0.0, seed: 5);
        foreach (var _ in Enumerable.Range(0, 10))
        {
            var (image, mask) = never.Apply(plain.Image, plain.Mask);
            GradingFailure.Unless(image.SameAs(plain.Image) && mask.SameAs(plain.Mask), "With probability 0 nothing may be flipped.");
        }
    }

    [Fact, Graded("flip", 1)]
    public void A_probability_outside_0_to_1_is_refused_and_0_and_1_are_accepted()
    {
        foreach (var probability in new[] { -0.1, -1e-9, 1 + 1e-9, 1.5 })
        {
            var error = Record.Exception(() => RandomHorizontalFlip.New(probability, seed: 1));
            if (error is NotImplementedException)
            {
                throw error;
            }
            GradingFailure.Unless(
                error is ArgumentException,
                $"new RandomHorizontalFlip({probability}, seed) "
                    + (error is null ? "was accepted" : $"threw {LearnerFaults.NameOf(error)}")
                    + ": a probability lies in [0, 1]; throw ArgumentOutOfRangeException for anything else."
            );
        }
        foreach (var probability in new[] { 0.0, 1.0 })
        {
            var error = Record.Exception(() => RandomHorizontalFlip.New(probability, seed: 1));
            GradingFailure.Unless(
                error is null,
                $"new RandomHorizontalFlip({probability}, seed) threw {(error is null ? null : LearnerFaults.NameOf(error))}: 0 and 1 are probabilities too (never, always)."
            );
        }
    }

    [Fact, Graded("flip", 1, Hidden = true)]
    public void Random_flips_follow_the_seed_and_keep_image_and_mask_aligned()
    {
        using var scope = NewDisposeScope();
        var image = arange(2 * 4, dtype: float32).view(1, 2, 4).expand(3, 2, 4).contiguous();
        var mask = arange(2 * 4, dtype: int64).view(2, 4);

        var first = Decisions(RandomHorizontalFlip.New(0.5, seed: 11), image, mask);
        var again = Decisions(RandomHorizontalFlip.New(0.5, seed: 11), image, mask);
        var other = Decisions(RandomHorizontalFlip.New(0.5, seed: 12), image, mask);

        var flips = first.Count(f => f);
        GradingFailure.Unless(
            flips is > 8 and < 32,
            $"With probability 0.5, {flips} of 40 calls flipped. Draw a fresh random number for every call and flip when it is below p."
        );
        GradingFailure.Unless(
            first.SequenceEqual(again),
            "Two flips built with the same seed made different decisions: seed one Random and keep it."
        );
        GradingFailure.Unless(!first.SequenceEqual(other), "Seeds 11 and 12 made the same 40 decisions: is the seed used at all?");
    }

    private static List<bool> Decisions(IRandomHorizontalFlip flip, Tensor image, Tensor mask) =>
        Enumerable
            .Range(0, 40)
            .Select(call =>
            {
                var (i, m) = flip.Apply(image, mask);
                var imageFlipped = i.SameAs(image.flip(-1));
                GradingFailure.Unless(imageFlipped || i.SameAs(image), $"Call {call}: the image is neither unchanged nor mirrored.");
                GradingFailure.Unless(
                    m.SameAs(imageFlipped ? mask.flip(-1) : mask),
                    $"Call {call}: the image was {(imageFlipped ? "" : "not ")}flipped but the mask was {(imageFlipped ? "not" : "")}. Decide once per call, then apply the decision to both."
                );
                return imageFlipped;
            })
            .ToList();
}
