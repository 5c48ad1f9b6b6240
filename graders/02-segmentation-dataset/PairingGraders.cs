using ExerciseKit.Grading;
using ExerciseKit.Grading.Boundary;
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
        var dataset = SegmentationFolder.New(folder.Root, new SegmentationOptions(3), RecordingFiles.Over(folder));

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
        var dataset = SegmentationFolder.New(folder.Root, new SegmentationOptions(3), RecordingFiles.Over(folder));

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

        var error = Record.Exception(() => SegmentationFolder.New(folder.Root, new SegmentationOptions(3), RecordingFiles.Over(folder)));
        Expect.DataError(
            error,
            "lonely.png",
            "an image without a mask (images/lonely.png, no masks/lonely.png), when the dataset is created"
        );
    }

    /// <summary>
    /// Names a natural comparer easily calls equal: the same number written with leading zeros, and a name that is a
    /// prefix of another. The folder is listed in three different orders; a comparer that returns 0 for two
    /// different names leaves them in listing order, so the three datasets disagree.
    /// </summary>
    [Fact, Graded("pairing", 1)]
    public void Equal_numbers_and_prefixes_sort_the_same_whatever_the_listing_order()
    {
        using var scope = NewDisposeScope();
        var names = new Dictionary<long, string>
        {
            [10] = "a",
            [20] = "a1",
            [30] = "cat",
            [40] = "cat2",
            [50] = "img1",
            [60] = "img01",
            [70] = "img001",
            [80] = "img2",
            [90] = "x1",
            [100] = "xa",
            [110] = "p12z",
            [120] = "p13a",
            [130] = "q2",
            [140] = "q02b",
        };
        using var folder = new PngFolder();
        foreach (var (marker, name) in names)
        {
            folder.Pair(name, (byte)marker);
        }

        var listings = new (string Name, string Order)[]
        {
            ("scrambled", "scrambled"),
            ("the same scrambled listing reversed", "scrambled-reversed"),
            ("reverse ordinal", "reverse-ordinal"),
        };
        var orders = listings
            .Select(listing =>
            {
                var dataset = SegmentationFolder.New(folder.Root, new SegmentationOptions(3), RecordingFiles.Over(folder, listing.Order));
                GradingFailure.Unless(
                    dataset.Count == names.Count,
                    $"Count is {dataset.Count} for a folder of {names.Count} image/mask pairs."
                );
                var order = Enumerable
                    .Range(0, names.Count)
                    .Select(i => names.GetValueOrDefault(Sample.Get(dataset, i).Marker, "?"))
                    .ToArray();
                return (listing.Name, Order: order);
            })
            .ToList();

        string Shown((string Name, string[] Order) o) => $"listed {o.Name}: [{string.Join(", ", o.Order)}]";

        foreach (
            var (shorter, longer) in new[]
            {
                ("a", "a1"),
                ("cat", "cat2"),
                ("cat2", "img1"),
                ("img001", "img2"),
                ("img01", "img2"),
                ("img1", "img2"),
                ("x1", "xa"), // a digit against a letter: compared as characters
                ("p12z", "p13a"), // 12 < 13 decides, whatever follows
                ("q2", "q02b"), // the same number; then the name that runs out first
            }
        )
        {
            var wrong = orders.FirstOrDefault(o => Array.IndexOf(o.Order, shorter) > Array.IndexOf(o.Order, longer));
            if (wrong.Order is not null)
            {
                throw new GradingFailure(
                    $"{longer} came before {shorter} ({Shown(wrong)}). "
                        + (
                            longer.StartsWith(shorter, StringComparison.Ordinal)
                                ? $"When one name runs out while the other goes on ({shorter} vs {longer}), the shorter name comes first: your comparer must not call them equal."
                                : "Natural order compares runs of digits as numbers and everything else character by character."
                        )
                );
            }
        }

        GradingFailure.Unless(
            orders.All(o => o.Order.SequenceEqual(orders[0].Order)),
            $"The order depends on how the folder happens to be listed: {string.Join("; ", orders.Select(Shown))}. "
                + "img1, img01 and img001 hold the same number, so a comparer that compares only the numbers calls them equal and keeps them "
                + "in listing order. Break such ties (for example ordinally on the whole name) so that the order never depends on the listing."
        );
    }

    /// <summary>Timestamps in file names have more digits than an int (10) can hold; digit runs must still compare as numbers.</summary>
    [Fact, Graded("pairing", 1, Hidden = true)]
    public void Long_digit_runs_like_timestamps_sort_as_numbers()
    {
        using var scope = NewDisposeScope();
        var names = new Dictionary<long, string>
        {
            [10] = "frame_9",
            [20] = "frame_20240131",
            [30] = "frame_20240131115959",
            [40] = "frame_20240131120000",
            [50] = "frame_100000000000000000",
        };
        using var folder = new PngFolder();
        foreach (var (marker, name) in names)
        {
            folder.Pair(name, (byte)marker);
        }

        var created = Record.Exception(() => SegmentationFolder.New(folder.Root, new SegmentationOptions(3), RecordingFiles.Over(folder)));
        if (created is NotImplementedException)
        {
            throw created;
        }

        GradingFailure.Unless(
            created is null,
            $"Creating a dataset whose names hold numbers of 14 and 18 digits (frame_20240131120000, frame_100000000000000000) threw "
                + Describe(created)
                + "\nAn int holds 10 digits and a long 19; file names hold any number of them. "
                + "Compare digit runs without parsing them: strip leading zeros, then the longer run is the larger number, and runs of equal length compare digit by digit."
        );
        var dataset = SegmentationFolder.New(folder.Root, new SegmentationOptions(3), RecordingFiles.Over(folder));
        var order = Enumerable.Range(0, names.Count).Select(i => names.GetValueOrDefault(Sample.Get(dataset, i).Marker, "?")).ToArray();
        GradingFailure.Unless(
            order.SequenceEqual(names.Values),
            $"Items came as [{string.Join(", ", order)}]; natural order is [{string.Join(", ", names.Values)}]: the digit runs compare as numbers, however long."
        );
    }

    /// <summary>"InvalidOperationException: … (caused by OverflowException: …)": a sort wraps its comparer's exception.</summary>
    private static string Describe(Exception? error)
    {
        if (error is null)
        {
            return "nothing";
        }

        var cause = error.GetBaseException();
        return $"{LearnerFaults.NameOf(error)}: {error.Message}"
            + (ReferenceEquals(cause, error) ? "" : $" (caused by {LearnerFaults.NameOf(cause)}: {cause.Message})");
    }
}
