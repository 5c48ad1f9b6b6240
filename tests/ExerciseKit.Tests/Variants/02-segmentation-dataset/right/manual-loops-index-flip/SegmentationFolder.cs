using StbImageSharp;
using static TorchSharp.torch;

namespace ExerciseKit.Exercises.SegmentationDataset;

public sealed class SegmentationFolder : utils.data.Dataset
{
    private readonly SegmentationOptions options;
    private readonly IDatasetFiles files;
    private readonly List<KeyValuePair<string, string>> pairs = new();

    public SegmentationFolder(string root, SegmentationOptions options, IDatasetFiles? files = null)
    {
        if (options.NumClasses <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options));
        }
        this.options = options;
        this.files = files ?? new DiskFiles();
        var imageFolder = Path.Combine(root, "images");
        var images = this.files.ListPngFiles(imageFolder).OrderBy(NameOf, new NaturalComparer()).ToList();
        if (images.Count == 0)
        {
            throw new InvalidDataException($"no images found in {imageFolder}");
        }
        var maskSet = new HashSet<string>(this.files.ListPngFiles(Path.Combine(root, "masks")));
        foreach (var image in images)
        {
            var candidate = maskSet.FirstOrDefault(m => NameOf(m) == NameOf(image));
            if (candidate is null)
            {
                throw new InvalidDataException($"image {Path.GetFileName(image)} has no mask");
            }
            pairs.Add(new(image, candidate));
        }
    }

    private static string NameOf(string path) => Path.GetFileNameWithoutExtension(path);

    public override long Count => pairs.Count;

    public override Dictionary<string, Tensor> GetTensor(long index)
    {
        if (index < 0 || index >= pairs.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }
        var (imagePath, maskPath) = (pairs[(int)index].Key, pairs[(int)index].Value);
        var img = Load(imagePath, ColorComponents.RedGreenBlue);
        var msk = Load(maskPath, ColorComponents.Grey);
        if (img.Width != msk.Width || img.Height != msk.Height)
        {
            throw new InvalidDataException($"{Path.GetFileName(maskPath)} does not have its image's size");
        }

        int h = img.Height,
            w = img.Width;
        var chw = new float[3 * h * w];
        var labels = new long[h * w];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var pixel = y * w + x;
                for (var c = 0; c < 3; c++)
                {
                    var value = img.Data[3 * pixel + c] / 255f;
                    if (options.Mean is not null && options.Std is not null)
                    {
                        value = (value - options.Mean[c]) / options.Std[c];
                    }
                    chw[c * h * w + pixel] = value;
                }
                var label = msk.Data[pixel];
                if (label >= options.NumClasses)
                {
                    throw new InvalidDataException(
                        $"{Path.GetFileName(maskPath)}: pixel ({y}, {x}) has class {label} >= {options.NumClasses}"
                    );
                }
                labels[pixel] = label;
            }
        }

        var imageTensor = tensor(chw, new long[] { 3, h, w });
        var maskTensor = tensor(labels, new long[] { h, w });
        if (options.Transform != null)
        {
            (imageTensor, maskTensor) = options.Transform.Apply(imageTensor, maskTensor);
        }
        return new Dictionary<string, Tensor> { { SampleKeys.Image, imageTensor }, { SampleKeys.Mask, maskTensor } };
    }

    private ImageResult Load(string path, ColorComponents components)
    {
        Stream stream = files.Open(path);
        try
        {
            return ImageResult.FromStream(stream, components);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} is corrupt or not a PNG", ex);
        }
        finally
        {
            stream.Dispose();
        }
    }

    /// <summary>a2 &lt; a10: compares digit runs by length without leading zeros, then digit by digit.</summary>
    private sealed class NaturalComparer : IComparer<string>
    {
        public int Compare(string? x, string? y)
        {
            x ??= string.Empty;
            y ??= string.Empty;
            var i = 0;
            var j = 0;
            while (i < x.Length && j < y.Length)
            {
                if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
                {
                    var startX = i;
                    var startY = j;
                    while (i < x.Length && char.IsAsciiDigit(x[i]))
                        i++;
                    while (j < y.Length && char.IsAsciiDigit(y[j]))
                        j++;
                    var a = x[startX..i].TrimStart('0');
                    var b = y[startY..j].TrimStart('0');
                    if (a.Length != b.Length)
                        return a.Length < b.Length ? -1 : 1;
                    var digits = string.CompareOrdinal(a, b);
                    if (digits != 0)
                        return digits;
                }
                else
                {
                    if (x[i] != y[j])
                        return x[i] < y[j] ? -1 : 1;
                    i++;
                    j++;
                }
            }
            if (x.Length - i != y.Length - j)
                return (x.Length - i) < (y.Length - j) ? -1 : 1;
            return string.CompareOrdinal(x, y);
        }
    }
}
