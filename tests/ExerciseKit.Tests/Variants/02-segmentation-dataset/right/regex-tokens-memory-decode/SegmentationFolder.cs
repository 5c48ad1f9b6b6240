using System.Numerics;
using System.Text.RegularExpressions;
using StbImageSharp;
using static TorchSharp.torch;

namespace ExerciseKit.Exercises.SegmentationDataset;

/// <summary>Pairs root/images/X.png with root/masks/X.png, natural order by X; decodes one item per GetTensor.</summary>
public sealed partial class SegmentationFolder : utils.data.Dataset
{
    private readonly SegmentationOptions options;
    private readonly IDatasetFiles files;
    private readonly string[] imagePaths;
    private readonly string[] maskPaths;

    public SegmentationFolder(string root, SegmentationOptions options, IDatasetFiles? files = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.NumClasses < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "NumClasses must be at least 1.");
        }
        this.options = options;
        this.files = files ?? new DiskFiles();

        var imagesDir = Path.Combine(root, "images");
        var masksDir = Path.Combine(root, "masks");
        var listed = this.files.ListPngFiles(imagesDir);
        if (listed.Count == 0)
        {
            throw new InvalidDataException($"The folder {imagesDir} holds no .png images.");
        }
        var maskLookup = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var maskPath in this.files.ListPngFiles(masksDir))
        {
            maskLookup[Path.GetFileNameWithoutExtension(maskPath)] = maskPath;
        }

        var ordered = listed.Order(Comparer<string>.Create(CompareNatural)).ToArray();
        imagePaths = ordered;
        maskPaths = new string[ordered.Length];
        for (var k = 0; k < ordered.Length; k++)
        {
            var stem = Path.GetFileNameWithoutExtension(ordered[k]);
            maskPaths[k] = maskLookup.TryGetValue(stem, out var found)
                ? found
                : throw new InvalidDataException($"{Path.GetFileName(ordered[k])}: no mask named {stem}.png in {masksDir}.");
        }
    }

    public override long Count => imagePaths.Length;

    [GeneratedRegex(@"\d+|\D+")]
    private static partial Regex Tokens();

    /// <summary>Compares file names token by token: digit runs as (arbitrarily large) numbers, the rest ordinally.</summary>
    private static int CompareNatural(string left, string right)
    {
        var a = Tokens().Matches(Path.GetFileNameWithoutExtension(left));
        var b = Tokens().Matches(Path.GetFileNameWithoutExtension(right));
        for (var k = 0; k < Math.Min(a.Count, b.Count); k++)
        {
            var (x, y) = (a[k].Value, b[k].Value);
            int result;
            if (char.IsAsciiDigit(x[0]) && char.IsAsciiDigit(y[0]))
            {
                result = BigInteger.Parse(x).CompareTo(BigInteger.Parse(y));
                if (result == 0)
                {
                    result = x.Length.CompareTo(y.Length); // equal values: fewer leading zeros first
                }
            }
            else
            {
                result = string.CompareOrdinal(x, y);
            }
            if (result != 0)
            {
                return result;
            }
        }
        var byCount = a.Count.CompareTo(b.Count);
        return byCount != 0 ? byCount : string.CompareOrdinal(left, right);
    }

    public override Dictionary<string, Tensor> GetTensor(long index)
    {
        if (index < 0 || index >= imagePaths.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The dataset has {imagePaths.Length} items.");
        }
        var image = Read(imagePaths[index], ColorComponents.RedGreenBlue);
        var mask = Read(maskPaths[index], ColorComponents.Grey);
        if ((image.Width, image.Height) != (mask.Width, mask.Height))
        {
            throw new InvalidDataException(
                $"{Path.GetFileName(maskPaths[index])} is {mask.Width}x{mask.Height}, its image {image.Width}x{image.Height}."
            );
        }
        foreach (var value in mask.Data)
        {
            if (value >= options.NumClasses)
            {
                throw new InvalidDataException(
                    $"{Path.GetFileName(maskPaths[index])} contains class id {value}; NumClasses is {options.NumClasses}."
                );
            }
        }

        using var scope = NewDisposeScope();
        var hwc = tensor(image.Data, new long[] { image.Height, image.Width, 3 }, ScalarType.Byte);
        var chw = hwc.permute(2, 0, 1).to_type(ScalarType.Float32).div(255f);
        if (options.Mean is { } mean && options.Std is { } std)
        {
            var m = tensor(mean.ToArray(), new long[] { 3, 1, 1 });
            var s = tensor(std.ToArray(), new long[] { 3, 1, 1 });
            chw = chw.sub(m).div(s);
        }
        var labels = tensor(mask.Data, new long[] { mask.Height, mask.Width }, ScalarType.Byte).to_type(ScalarType.Int64);
        if (options.Transform is not null)
        {
            (chw, labels) = options.Transform.Apply(chw, labels);
        }
        return new Dictionary<string, Tensor>
        {
            [SampleKeys.Image] = chw.MoveToOuterDisposeScope(),
            [SampleKeys.Mask] = labels.MoveToOuterDisposeScope(),
        };
    }

    /// <summary>Copies the file into memory once, then decodes from the bytes.</summary>
    private ImageResult Read(string path, ColorComponents components)
    {
        byte[] bytes;
        using (var stream = files.Open(path))
        using (var copy = new MemoryStream())
        {
            stream.CopyTo(copy);
            bytes = copy.ToArray();
        }
        try
        {
            return ImageResult.FromMemory(bytes, components);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            throw new InvalidDataException($"Cannot decode {Path.GetFileName(path)} as PNG ({error.Message}).", error);
        }
    }
}
