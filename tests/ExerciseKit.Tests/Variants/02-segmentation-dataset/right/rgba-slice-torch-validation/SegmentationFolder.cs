using StbImageSharp;
using static TorchSharp.torch;

namespace ExerciseKit.Exercises.SegmentationDataset;

public sealed class SegmentationFolder : utils.data.Dataset
{
    private readonly SegmentationOptions options;
    private readonly IDatasetFiles files;
    private readonly (string Image, string Mask)[] pairs;

    public SegmentationFolder(string root, SegmentationOptions options, IDatasetFiles? files = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.NumClasses, 1);
        this.options = options;
        this.files = files ?? new DiskFiles();
        var images = Path.Combine(root, "images");
        var found = this.files.ListPngFiles(images);
        if (found.Count == 0)
        {
            throw new InvalidDataException($"Empty folder: {images}");
        }
        var masks = this.files.ListPngFiles(Path.Combine(root, "masks")).ToLookup(Path.GetFileNameWithoutExtension);
        pairs = (
            from path in found
            let stem = Path.GetFileNameWithoutExtension(path)
            orderby Key(stem), stem
            select (path, masks[stem].FirstOrDefault() ?? throw new InvalidDataException($"No mask for {Path.GetFileName(path)}"))
        ).ToArray();
    }

    /// <summary>The name as alternating text and number parts; numbers compared by value (as decimals: up to 28 digits).</summary>
    private static NaturalKey Key(string stem) => new(stem);

    private sealed class NaturalKey(string text) : IComparable<NaturalKey>
    {
        private readonly List<object> parts = Split(text);

        private static List<object> Split(string s)
        {
            var result = new List<object>();
            var k = 0;
            while (k < s.Length)
            {
                var start = k;
                var digits = char.IsAsciiDigit(s[k]);
                while (k < s.Length && char.IsAsciiDigit(s[k]) == digits)
                    k++;
                var part = s[start..k];
                result.Add(digits ? (object)(part.TrimStart('0').Length <= 28 ? decimal.Parse(part) : decimal.MaxValue) : part);
            }
            return result;
        }

        public int CompareTo(NaturalKey? other)
        {
            var theirs = other!.parts;
            for (var k = 0; k < Math.Min(parts.Count, theirs.Count); k++)
            {
                var cmp = (parts[k], theirs[k]) switch
                {
                    (decimal a, decimal b) => a.CompareTo(b),
                    (string a, string b) => string.CompareOrdinal(a, b),
                    (decimal, string b) => string.CompareOrdinal("0", b), // a digit sorts where its first character would
                    (string a, decimal) => string.CompareOrdinal(a, "0"),
                    _ => 0,
                };
                if (cmp != 0)
                    return cmp;
            }
            return parts.Count.CompareTo(theirs.Count);
        }
    }

    public override long Count => pairs.LongLength;

    public override Dictionary<string, Tensor> GetTensor(long index)
    {
        if (index < 0 || index >= pairs.LongLength)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, null);
        }
        var (imagePath, maskPath) = pairs[index];
        var rgba = Decode(imagePath, ColorComponents.RedGreenBlueAlpha);
        var grey = Decode(maskPath, ColorComponents.Grey);
        if (rgba.Width != grey.Width || rgba.Height != grey.Height)
        {
            throw new InvalidDataException($"{Path.GetFileName(maskPath)} and its image differ in size");
        }

        using var scope = NewDisposeScope();
        var mask = tensor(grey.Data, new long[] { grey.Height, grey.Width }).@long();
        if (mask.ge(options.NumClasses).any().item<bool>())
        {
            throw new InvalidDataException($"{Path.GetFileName(maskPath)} holds a class id ≥ {options.NumClasses}");
        }
        // Decode as RGBA (alpha is always present then) and keep the first three channels.
        var image = tensor(rgba.Data, new long[] { rgba.Height, rgba.Width, 4 })[.., .., ..3].permute(2, 0, 1).@float() / 255;
        if (options.Mean is not null && options.Std is not null)
        {
            var shape = new long[] { 3, 1, 1 };
            image = image.sub(tensor(options.Mean.ToArray(), shape)).div(tensor(options.Std.ToArray(), shape));
        }
        (image, mask) = options.Transform?.Apply(image, mask) ?? (image, mask);
        return new()
        {
            [SampleKeys.Image] = image.contiguous().MoveToOuterDisposeScope(),
            [SampleKeys.Mask] = mask.MoveToOuterDisposeScope(),
        };
    }

    private ImageResult Decode(string path, ColorComponents components)
    {
        try
        {
            using var stream = files.Open(path);
            return ImageResult.FromStream(stream, components);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or EndOfStreamException)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: unreadable PNG ({e.Message})", e);
        }
    }
}
