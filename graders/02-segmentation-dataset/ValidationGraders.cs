using ExerciseKit.Grading;
using ExerciseKit.Grading.Boundary;
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
        var dataset = SegmentationFolder.New(folder.Root, new SegmentationOptions(3));

        // One past each end, far past, and two that wrap to a valid int when cast before the check.
        foreach (var index in new long[] { -1, 2, 1000, 1L << 32, -(1L << 32) })
        {
            var error = Record.Exception(() => dataset.GetTensor(index));
            if (error is NotImplementedException)
            {
                throw error;
            }

            GradingFailure.Unless(
                error is ArgumentOutOfRangeException,
                $"GetTensor({index}) on a dataset of 2 items "
                    + (error is null ? "returned an item" : $"threw {LearnerFaults.NameOf(error)}")
                    + "; throw ArgumentOutOfRangeException (ThrowIfNegative / ThrowIfGreaterThanOrEqual) before touching any file."
                    + (
                        index is > int.MaxValue or < int.MinValue
                            ? $" Check the long index before casting it: (int){index} is {(int)index}."
                            : ""
                    )
            );
        }
    }

    [Fact, Graded("validation", 1, Hidden = true)]
    public void A_mask_of_another_size_is_reported_by_name()
    {
        using var scope = NewDisposeScope();
        // Both sides differ, then only the height, then only the width: comparing one side is not enough.
        foreach (var (name, maskWidth, maskHeight) in new[] { ("wide", 2, 3), ("tall", 3, 3), ("broad", 4, 2) })
        {
            using var folder = new PngFolder()
                .Image(name, 3, 2, new byte[18])
                .Mask(name, maskWidth, maskHeight, new byte[maskWidth * maskHeight]);
            var dataset = SegmentationFolder.New(folder.Root, new SegmentationOptions(3));

            Expect.DataError(
                Record.Exception(() => dataset.GetTensor(0)),
                $"{name}.png",
                $"a {maskWidth}×{maskHeight} mask for a 3×2 image"
            );
        }
    }

    /// <summary>
    /// NumClasses at its boundaries: NumClasses − 1 is the largest valid id, NumClasses and NumClasses + 1 are not;
    /// with NumClasses = 1 only 0 is valid, and with NumClasses = 256 every byte is.
    /// </summary>
    [Fact, Graded("validation", 1)]
    public void Class_ids_up_to_NumClasses_minus_1_load_and_NumClasses_is_the_first_error()
    {
        using var scope = NewDisposeScope();
        foreach (var (numClasses, largest) in new[] { (3, 2), (1, 0), (256, 255) })
        {
            byte[] classes = [0, (byte)largest, 0, (byte)largest, 0, 0];
            using var folder = new PngFolder().Image("valid", 3, 2, new byte[18]).Mask("valid", 3, 2, classes);
            var dataset = SegmentationFolder.New(folder.Root, new SegmentationOptions(numClasses));
            var situation =
                $"a 3×2 mask whose largest class id is {largest} with NumClasses = {numClasses} (valid ids: 0 … {numClasses - 1})";
            var error = Record.Exception(() => dataset.GetTensor(0));
            if (error is NotImplementedException)
            {
                throw error;
            }

            GradingFailure.Unless(
                error is null,
                $"For {situation} you threw {(error is null ? null : LearnerFaults.NameOf(error))}: {error?.Message}\nClass ids run from 0 to NumClasses − 1, so {largest} is valid: "
                    + "report only values ≥ NumClasses."
            );
            var mask = Sample.Get(dataset, 0).Mask;
            var expected = tensor(classes.Select(c => (long)c).ToArray(), [2, 3]);
            GradingFailure.Unless(
                mask.SameAs(expected),
                $"For {situation} the mask came back {Sample.Shape(mask)} {mask.dtype} {Sample.Values(mask)}; expected [2, 3] Int64 {Sample.Values(expected)}."
            );
        }

        foreach (var (numClasses, value) in new[] { (3, 3), (3, 4), (1, 1) })
        {
            using var folder = new PngFolder()
                .Image("beyond", 3, 2, new byte[18])
                .Mask("beyond", 3, 2, [0, (byte)(1 % numClasses), 0, (byte)value, 0, 0]);
            var dataset = SegmentationFolder.New(folder.Root, new SegmentationOptions(numClasses));
            Expect.DataError(
                Record.Exception(() => dataset.GetTensor(0)),
                "beyond.png",
                $"a mask holding class {value} with NumClasses = {numClasses} (valid ids: 0 … {numClasses - 1}; {value} is "
                    + (value == numClasses ? "exactly NumClasses, the first invalid id" : "past NumClasses")
                    + ")"
            );
        }
    }

    [Fact, Graded("validation", 1, Hidden = true)]
    public void A_corrupt_png_is_reported_by_name()
    {
        using var scope = NewDisposeScope();
        using var folder = new PngFolder().Pair("good", 10).Mask("broken", 3, 2, new byte[6]);
        folder.Raw(Path.Combine("images", "broken.png"), "this is not a PNG at all"u8.ToArray());
        var dataset = SegmentationFolder.New(folder.Root, new SegmentationOptions(3));

        Expect.DataError(Record.Exception(() => dataset.GetTensor(0)), "broken.png", "images/broken.png holding text instead of a PNG");
        GradingFailure.Unless(Sample.Get(dataset, 1).Marker == 10, "After a corrupt item the next item must still load.");
    }

    [Fact, Graded("validation", 1, Hidden = true)]
    public void A_class_id_beyond_NumClasses_and_an_empty_folder_are_reported()
    {
        using var scope = NewDisposeScope();
        using (var folder = new PngFolder().Image("seven", 3, 2, new byte[18]).Mask("seven", 3, 2, [0, 1, 2, 7, 1, 0]))
        {
            var dataset = SegmentationFolder.New(folder.Root, new SegmentationOptions(3));
            Expect.DataError(Record.Exception(() => dataset.GetTensor(0)), "seven.png", "a mask holding class 7 with NumClasses = 3");
        }

        using var empty = new PngFolder();
        Expect.DataError(
            Record.Exception(() => SegmentationFolder.New(empty.Root, new SegmentationOptions(3))),
            "images",
            "an empty images/ folder (when the dataset is created: an empty dataset is almost always a wrong path)"
        );
    }
}
