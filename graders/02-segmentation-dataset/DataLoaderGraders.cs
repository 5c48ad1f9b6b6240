using ExerciseKit.Grading;
using Xunit;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.SegmentationDataset;

public sealed class DataLoaderGraders
{
    [Fact, Graded("dataloader", 2)]
    public void DataLoader_stacks_items_into_B_3_H_W_images_and_B_H_W_masks()
    {
        using var scope = NewDisposeScope();
        using var folder = new PngFolder();
        foreach (var k in Enumerable.Range(1, 5))
        {
            folder.Pair($"tile{k}", (byte)(k * 10), width: 6, height: 4);
        }

        using var loader = utils.data.DataLoader(
            new DatasetOf(SegmentationFolder.New(folder.Root, new SegmentationOptions(3))),
            batchSize: 2,
            shuffle: false
        );
        var shapes = new List<string>();
        var markers = new List<long>();
        foreach (var batch in loader)
        {
            var (images, masks) = (batch[SampleKeys.Image], batch[SampleKeys.Mask]);
            shapes.Add($"{Sample.Shape(images)} {Sample.Shape(masks)}");
            GradingFailure.Unless(
                images.shape is [_, 3, 4, 6] && masks.shape is [_, 4, 6] && images.shape[0] == masks.shape[0],
                $"A batch came out as images {Sample.Shape(images)}, masks {Sample.Shape(masks)}; expected [B, 3, 4, 6] and [B, 4, 6]. "
                    + "DataLoader stacks what GetTensor returns: return one item with no batch axis."
            );
            GradingFailure.Unless(masks.dtype == ScalarType.Int64, $"Batched masks are {masks.dtype}, expected Int64.");
            markers.AddRange(
                Enumerable.Range(0, (int)images.shape[0]).Select(i => (long)Math.Round(images[i, 0, 0, 0].item<float>() * 255))
            );
        }

        GradingFailure.Unless(
            markers.SequenceEqual([10L, 20, 30, 40, 50]),
            $"Five items in batches of 2 gave [{string.Join(", ", shapes)}] with items [{string.Join(", ", markers.Select(m => $"tile{m / 10}"))}]; expected tile1 … tile5 in order."
        );
    }
}

/// <summary>TorchSharp's own DataLoader over the learner's dataset: the loader and its collation run here, each item in the subject.</summary>
internal sealed class DatasetOf(ISegmentationFolder learner) : utils.data.Dataset
{
    public override long Count => learner.Count;

    public override Dictionary<string, Tensor> GetTensor(long index) => learner.GetTensor(index);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            learner.Dispose();
        }
        base.Dispose(disposing);
    }
}
