using ExerciseKit.Exercises.SegmentationDataset;
using ExerciseKit.Grading;
using Xunit;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.SegmentationDataset;

public sealed class ValidationGraders
{
    [Fact, Graded("validation", 1)]
    public void An_index_outside_0_to_Count_throws_ArgumentOutOfRangeException()
    {
        using var scope = NewDisposeScope();
        using var folder = new PngFolder().Pair("a", 10).Pair("b", 20);
        var dataset = new SegmentationFolder(folder.Root, new SegmentationOptions(3));

        foreach (var index in new long[] { -1, 2, 1000 })
        {
            var error = Record.Exception(() => dataset.GetTensor(index));
            if (error is NotImplementedException)
            {
                throw error;
            }

            GradingFailure.Unless(
                error is ArgumentOutOfRangeException,
                $"GetTensor({index}) on a dataset of 2 items "
                    + (error is null ? "returned an item" : $"threw {error.GetType().Name}")
                    + "; throw ArgumentOutOfRangeException (ThrowIfNegative / ThrowIfGreaterThanOrEqual) before touching any file."
            );
        }
    }

    [Fact, Graded("validation", 1, Hidden = true)]
    public void A_mask_of_another_size_is_reported_by_name()
    {
        using var scope = NewDisposeScope();
        using var folder = new PngFolder().Image("wide", 3, 2, new byte[18]).Mask("wide", 2, 3, new byte[6]);
        var dataset = new SegmentationFolder(folder.Root, new SegmentationOptions(3));

        Expect.DataError(Record.Exception(() => dataset.GetTensor(0)), "wide.png", "a 2×3 mask for a 3×2 image");
    }

    [Fact, Graded("validation", 1, Hidden = true)]
    public void A_corrupt_png_is_reported_by_name()
    {
        using var scope = NewDisposeScope();
        using var folder = new PngFolder().Pair("good", 10).Mask("broken", 3, 2, new byte[6]);
        folder.Raw(Path.Combine("images", "broken.png"), "this is not a PNG at all"u8.ToArray());
        var dataset = new SegmentationFolder(folder.Root, new SegmentationOptions(3));

        Expect.DataError(Record.Exception(() => dataset.GetTensor(0)), "broken.png", "images/broken.png holding text instead of a PNG");
        GradingFailure.Unless(Sample.Get(dataset, 1).Marker == 10, "After a corrupt item the next item must still load.");
    }

    [Fact, Graded("validation", 1, Hidden = true)]
    public void A_class_id_beyond_NumClasses_and_an_empty_folder_are_reported()
    {
        using var scope = NewDisposeScope();
        using (var folder = new PngFolder().Image("seven", 3, 2, new byte[18]).Mask("seven", 3, 2, [0, 1, 2, 7, 1, 0]))
        {
            var dataset = new SegmentationFolder(folder.Root, new SegmentationOptions(3));
            Expect.DataError(Record.Exception(() => dataset.GetTensor(0)), "seven.png", "a mask holding class 7 with NumClasses = 3");
        }

        using var empty = new PngFolder();
        Expect.DataError(
            Record.Exception(() => new SegmentationFolder(empty.Root, new SegmentationOptions(3))),
            "images",
            "an empty images/ folder (when the dataset is created: an empty dataset is almost always a wrong path)"
        );
    }
}
