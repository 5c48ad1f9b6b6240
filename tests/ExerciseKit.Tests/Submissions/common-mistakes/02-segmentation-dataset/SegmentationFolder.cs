using StbImageSharp;
using static TorchSharp.torch;

namespace ExerciseKit.Exercises.SegmentationDataset;

// Three classic slips: ordinal sort ("img10" < "img2"), every item decoded up front, and the decoder's
// [H, W, C] layout returned as it is.
public sealed class SegmentationFolder : utils.data.Dataset
{
    private readonly List<(byte[] Image, int Width, int Height, byte[] Mask)> decoded = [];

    public SegmentationFolder(string root, SegmentationOptions options, IDatasetFiles? files = null)
    {
        files ??= new DiskFiles();
        foreach (var image in files.ListPngFiles(Path.Combine(root, "images")).Order(StringComparer.Ordinal))
        {
            var mask = Path.Combine(root, "masks", Path.GetFileName(image));
            using var imageStream = files.Open(image);
            using var maskStream = files.Open(mask);
            var pixels = ImageResult.FromStream(imageStream, ColorComponents.RedGreenBlue);
            decoded.Add((pixels.Data, pixels.Width, pixels.Height, ImageResult.FromStream(maskStream, ColorComponents.Grey).Data));
        }
    }

    public override long Count => decoded.Count;

    public override Dictionary<string, Tensor> GetTensor(long index)
    {
        var (image, width, height, mask) = decoded[(int)index];
        return new()
        {
            [SampleKeys.Image] = tensor(image, [height, width, 3]).to(float32) / 255,
            [SampleKeys.Mask] = tensor(mask, [height, width]).to(int64),
        };
    }
}
