using ExerciseKit.Exercises.SegmentationDataset;
using ExerciseKit.Grading;
using Xunit;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.SegmentationDataset;

public sealed class PairingGraders
{
    [Fact, Graded("pairing", 2)]
    public void Items_come_in_natural_order_of_their_names()
    {
        using var scope = NewDisposeScope();
        using var folder = new PngFolder().Pair("img10", 50).Pair("b3", 20).Pair("img2", 40).Pair("img1", 30).Pair("a20", 10);
        var dataset = new SegmentationFolder(folder.Root, new SegmentationOptions(3), RecordingFiles.Over(folder));

        GradingFailure.Unless(dataset.Count == 5, $"Count is {dataset.Count} for a folder of 5 image/mask pairs.");
        var order = Enumerable.Range(0, 5).Select(i => Sample.Get(dataset, i).Marker).ToArray();
        var names = order.Select(m =>
            m switch
            {
                10 => "a20",
                20 => "b3",
                30 => "img1",
                40 => "img2",
                50 => "img10",
                _ => $"?{m}",
            }
        );
        GradingFailure.Unless(
            order.SequenceEqual([10, 20, 30, 40, 50]),
            $"Items came as [{string.Join(", ", names)}]; natural order is [a20, b3, img1, img2, img10]. "
                + (
                    order.SequenceEqual([10, 20, 30, 50, 40])
                        ? "That is ordinal string order, where \"img10\" < \"img2\": compare runs of digits as numbers."
                        : "A directory listing has no guaranteed order: sort the names yourself, comparing runs of digits as numbers."
                )
        );
    }

    [Fact, Graded("pairing", 1)]
    public void Masks_pair_with_images_by_name_not_by_position()
    {
        using var scope = NewDisposeScope();
        using var folder = new PngFolder().Pair("cat", 10).Pair("dog", 20).Pair("eel", 30);
        folder.Mask("aardvark", 3, 2, new byte[6]); // a mask without an image is ignored
        var dataset = new SegmentationFolder(folder.Root, new SegmentationOptions(3), RecordingFiles.Over(folder));

        GradingFailure.Unless(dataset.Count == 3, $"Count is {dataset.Count}: 3 images, 4 masks (one without an image, to be ignored).");
        foreach (var index in Enumerable.Range(0, 3))
        {
            var sample = Sample.Get(dataset, index);
            var expectedClass = sample.Marker % 3;
            GradingFailure.Unless(
                sample.Mask.shape.Length == 2 && sample.Mask.to(int64).eq(expectedClass).all().item<bool>(),
                $"Item {index}: its mask {Sample.Values(sample.Mask)} belongs to another image (expected class {expectedClass} everywhere). "
                    + "Pair images/NAME.png with masks/NAME.png by NAME, not by position in two separate listings."
            );
        }
    }

    [Fact, Graded("pairing", 1, Hidden = true)]
    public void An_image_without_a_mask_is_reported_by_name()
    {
        using var folder = new PngFolder().Pair("first", 10).Pair("second", 20);
        folder.Image("lonely", 3, 2, new byte[18]);

        var error = Record.Exception(() => new SegmentationFolder(folder.Root, new SegmentationOptions(3), RecordingFiles.Over(folder)));
        Expect.DataError(
            error,
            "lonely.png",
            "an image without a mask (images/lonely.png, no masks/lonely.png), when the dataset is created"
        );
    }
}
