using ExerciseKit.Grading;
using Xunit;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.SegmentationDataset;

public sealed class LazinessGraders
{
    [Fact, Graded("laziness", 1)]
    public void The_constructor_and_Count_open_no_file()
    {
        using var scope = NewDisposeScope();
        using var folder = new PngFolder().Pair("a", 10).Pair("b", 20).Pair("c", 30);
        var files = RecordingFiles.Over(folder);

        var dataset = SegmentationFolder.New(folder.Root, new SegmentationOptions(3), files);
        _ = dataset.Count;

        var opened = files.Opened;
        GradingFailure.Unless(
            opened.Count == 0,
            $"Creating the dataset and reading Count opened {opened.Count} file(s), e.g. {opened.FirstOrDefault()}. "
                + "A real dataset has more images than fit in memory: list names up front, decode pixels in GetTensor."
        );
    }

    [Fact, Graded("laziness", 2)]
    public void GetTensor_opens_its_image_and_its_mask_once_and_nothing_else()
    {
        using var scope = NewDisposeScope();
        using var folder = new PngFolder().Pair("a", 10).Pair("b", 20).Pair("c", 30);
        var files = RecordingFiles.Over(folder);
        var dataset = SegmentationFolder.New(folder.Root, new SegmentationOptions(3), files);

        var sample = Sample.Get(dataset, 1);

        GradingFailure.Unless(sample.Marker == 20, $"GetTensor(1) returned the image with marker {sample.Marker}, expected item b (20).");
        Once(files, folder.ImagePath("b"), "images/b.png");
        Once(files, folder.MaskPath("b"), "masks/b.png");
        var all = files.Opened.Count;
        GradingFailure.Unless(
            all == 2,
            $"GetTensor(1) opened {all} files; it needs exactly two (its image and its mask). Do not decode other items ahead of time."
        );
    }

    private static void Once(IRecordingFiles files, string path, string name)
    {
        var times = files.TimesOpened(path);
        if (times != 1)
        {
            throw new GradingFailure(
                $"GetTensor(1) opened {name} {times} time(s), expected once"
                    + (
                        times == 0
                            ? " through the IDatasetFiles you were given (do not use File or Directory directly)."
                            : ": decode each file a single time."
                    )
            );
        }
    }
}
