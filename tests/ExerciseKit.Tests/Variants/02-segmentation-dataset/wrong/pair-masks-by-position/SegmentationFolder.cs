using StbImageSharp;
using static TorchSharp.torch;

namespace ExerciseKit.Exercises.SegmentationDataset;

/// <summary>
/// A segmentation dataset over a folder: <c>root/images/NAME.png</c> is paired with <c>root/masks/NAME.png</c>.
/// Items come in natural order of NAME (digit runs compare as numbers: img2 before img10).
/// Each item is a dictionary: <see cref="SampleKeys.Image"/> → float32 [3, H, W] in [0, 1] (then normalised if
/// the options say so) and <see cref="SampleKeys.Mask"/> → int64 [H, W] of class ids.
/// Read pixels only in <see cref="GetTensor"/>, and only the item asked for.
/// </summary>
public sealed class SegmentationFolder : utils.data.Dataset
{
    private readonly SegmentationOptions options;
    private readonly IDatasetFiles files;
    private readonly List<(string Image, string Mask)> pairs;

    public SegmentationFolder(string root, SegmentationOptions options, IDatasetFiles? files = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.NumClasses, 1);
        this.options = options;
        this.files = files ?? new DiskFiles();

        var imageFolder = Path.Combine(root, "images");
        var images = this.files.ListPngFiles(imageFolder);
        if (images.Count == 0)
        {
            throw new InvalidDataException($"No .png image in {imageFolder}.");
        }

        var masks = this.files.ListPngFiles(Path.Combine(root, "masks")).OrderBy(Stem, NaturalOrder.Instance).ToList();
        var sorted = images.OrderBy(Stem, NaturalOrder.Instance).ToList();
        if (masks.Count < sorted.Count)
        {
            throw new InvalidDataException(
                $"{sorted.Count - masks.Count} image(s) in {imageFolder} have no mask, e.g. {Path.GetFileName(sorted[^1])}."
            );
        }
        // Both lists are sorted the same way, so the k-th mask belongs to the k-th image.
        pairs = sorted.Zip(masks, (image, mask) => (image, mask)).ToList();
    }

    public override long Count => pairs.Count;

    private static string Stem(string path) => Path.GetFileNameWithoutExtension(path.AsSpan()).ToString();

    public override Dictionary<string, Tensor> GetTensor(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var (imagePath, maskPath) = pairs[(int)index];
        var image = Decode(imagePath, ColorComponents.RedGreenBlue);
        var mask = Decode(maskPath, ColorComponents.Grey);
        if (mask.Width != image.Width || mask.Height != image.Height)
        {
            throw new InvalidDataException(
                $"Mask {Path.GetFileName(maskPath)} is {mask.Width}×{mask.Height} but its image is {image.Width}×{image.Height}."
            );
        }

        var largest = mask.Data.Max();
        if (largest >= options.NumClasses)
        {
            throw new InvalidDataException(
                $"Mask {Path.GetFileName(maskPath)} holds class {largest}, but there are only {options.NumClasses} classes (0 … {options.NumClasses - 1})."
            );
        }

        using var scope = NewDisposeScope();
        var pixels = tensor(image.Data, [image.Height, image.Width, 3]).permute(2, 0, 1).to(float32) / 255;
        var classes = tensor(mask.Data, [mask.Height, mask.Width]).to(int64);
        var (finalImage, finalMask) = options.Transform?.Apply(Normalise(pixels), classes) ?? (Normalise(pixels), classes);
        return new() { [SampleKeys.Image] = finalImage.MoveToOuterDisposeScope(), [SampleKeys.Mask] = finalMask.MoveToOuterDisposeScope() };
    }

    private Tensor Normalise(Tensor pixels)
    {
        if (options.Mean is null || options.Std is null)
        {
            return pixels;
        }

        var mean = tensor(options.Mean.ToArray()).view(3, 1, 1);
        var std = tensor(options.Std.ToArray()).view(3, 1, 1);
        return (pixels - mean) / std;
    }

    private ImageResult Decode(string path, ColorComponents components)
    {
        using var stream = files.Open(path);
        try
        {
            return ImageResult.FromStream(stream, components);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} is not a readable PNG: {e.Message}", e);
        }
    }

    /// <summary>Orders names so that digit runs compare as numbers: a2 &lt; a10 &lt; b1.</summary>
    private sealed class NaturalOrder : IComparer<string>
    {
        public static readonly NaturalOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var (a, b) = (x ?? "", y ?? "");
            int i = 0,
                j = 0;
            while (i < a.Length && j < b.Length)
            {
                if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
                {
                    var (runA, runB) = (DigitRun(a, ref i), DigitRun(b, ref j));
                    var byNumber = runA.TrimStart('0').Length.CompareTo(runB.TrimStart('0').Length);
                    byNumber = byNumber != 0 ? byNumber : string.CompareOrdinal(runA.TrimStart('0'), runB.TrimStart('0'));
                    if (byNumber != 0)
                    {
                        return byNumber;
                    }

                    continue;
                }

                var byChar = a[i++].CompareTo(b[j++]);
                if (byChar != 0)
                {
                    return byChar;
                }
            }

            var byLength = (a.Length - i).CompareTo(b.Length - j);
            return byLength != 0 ? byLength : string.CompareOrdinal(a, b);
        }

        private static string DigitRun(string s, ref int index)
        {
            var start = index;
            while (index < s.Length && char.IsAsciiDigit(s[index]))
            {
                index++;
            }

            return s[start..index];
        }
    }
}
