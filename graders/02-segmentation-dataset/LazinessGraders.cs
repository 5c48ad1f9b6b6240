using ExerciseKit.Exercises.SegmentationDataset;
using ExerciseKit.Grading;
using NSubstitute;
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

        var dataset = new SegmentationFolder(folder.Root, new SegmentationOptions(3), files);
        _ = dataset.Count;

        var opened = files.ReceivedCalls().Where(c => c.GetMethodInfo().Name == nameof(IDatasetFiles.Open)).ToList();
        GradingFailure.Unless(
            opened.Count == 0,
            $"Creating the dataset and reading Count opened {opened.Count} file(s), e.g. {opened.FirstOrDefault()?.GetArguments()[0]}. "
                + "A real dataset has more images than fit in memory: list names up front, decode pixels in GetTensor."
        );
    }

    [Fact, Graded("laziness", 2)]
    public void GetTensor_opens_its_image_and_its_mask_once_and_nothing_else()
    {
        using var scope = NewDisposeScope();
        using var folder = new PngFolder().Pair("a", 10).Pair("b", 20).Pair("c", 30);
        var files = RecordingFiles.Over(folder);
        var dataset = new SegmentationFolder(folder.Root, new SegmentationOptions(3), files);

        var sample = Sample.Get(dataset, 1);

        GradingFailure.Unless(sample.Marker == 20, $"GetTensor(1) returned the image with marker {sample.Marker}, expected item b (20).");
        Once(files, folder.ImagePath("b"), "images/b.png");
        Once(files, folder.MaskPath("b"), "masks/b.png");
        var all = files.ReceivedCalls().Count(c => c.GetMethodInfo().Name == nameof(IDatasetFiles.Open));
        GradingFailure.Unless(
            all == 2,
            $"GetTensor(1) opened {all} files; it needs exactly two (its image and its mask). Do not decode other items ahead of time."
        );
    }

    private static void Once(IDatasetFiles files, string path, string name)
    {
        try
        {
            files.Received(1).Open(RecordingFiles.SamePath(path));
        }
        catch (NSubstitute.Exceptions.ReceivedCallsException)
        {
            var times = files.ReceivedCalls().Count(c => c.GetArguments() is [string p] && Path.GetFullPath(p) == Path.GetFullPath(path));
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
