using StbImageSharp;
using static TorchSharp.torch;

namespace ExerciseKit.Exercises.SegmentationDataset;

public sealed class SegmentationFolder : utils.data.Dataset
{
    private readonly SegmentationOptions options;
    private readonly IDatasetFiles files;
    private readonly List<string> stems;
    private readonly Dictionary<string, string> imageByStem;
    private readonly Dictionary<string, string> maskByStem;

    public SegmentationFolder(string root, SegmentationOptions options, IDatasetFiles? files = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.NumClasses, 1);
        this.options = options;
        this.files = files ?? new DiskFiles();
        var imageFolder = Path.Combine(root, "images");
        imageByStem = this.files.ListPngFiles(imageFolder).ToDictionary(Path.GetFileNameWithoutExtension, StringComparer.Ordinal)!;
        maskByStem = this
            .files.ListPngFiles(Path.Combine(root, "masks"))
            .ToDictionary(Path.GetFileNameWithoutExtension, StringComparer.Ordinal)!;
        if (imageByStem.Count == 0)
        {
            throw new InvalidDataException($"{imageFolder} contains no png files");
        }
        stems = new List<string>(imageByStem.Keys);
        stems.Sort(Natural);
        var orphan = stems.FirstOrDefault(s => !maskByStem.ContainsKey(s));
        if (orphan is not null)
        {
            throw new InvalidDataException($"{Path.GetFileName(imageByStem[orphan])} has no matching mask");
        }
    }

    private static int Natural(string a, string b)
    {
        var (i, j) = (0, 0);
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                while (i < a.Length - 1 && a[i] == '0' && char.IsAsciiDigit(a[i + 1]))
                    i++;
                while (j < b.Length - 1 && b[j] == '0' && char.IsAsciiDigit(b[j + 1]))
                    j++;
                var (si, sj) = (i, j);
                while (i < a.Length && char.IsAsciiDigit(a[i]))
                    i++;
                while (j < b.Length && char.IsAsciiDigit(b[j]))
                    j++;
                var cmp = (i - si).CompareTo(j - sj);
                if (cmp == 0)
                    cmp = string.CompareOrdinal(a, si, b, sj, i - si);
                if (cmp != 0)
                    return cmp;
            }
            else
            {
                var cmp = a[i].CompareTo(b[j]);
                if (cmp != 0)
                    return cmp;
                i++;
                j++;
            }
        }
        var rest = (a.Length - i).CompareTo(b.Length - j);
        return rest != 0 ? rest : string.CompareOrdinal(a, b);
    }

    public override long Count => stems.Count;

    public override Dictionary<string, Tensor> GetTensor(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, (long)stems.Count);
        var stem = stems[(int)index];
        var maskPath = maskByStem[stem];
        var pixels = Open(imageByStem[stem], ColorComponents.RedGreenBlue);
        var classes = Open(maskPath, ColorComponents.Grey);
        if (classes.Width != pixels.Width || classes.Height != pixels.Height)
        {
            throw new InvalidDataException(
                $"{Path.GetFileName(maskPath)}: mask {classes.Width}x{classes.Height}, image {pixels.Width}x{pixels.Height}"
            );
        }
        var bad = Array.FindIndex(classes.Data, v => v >= options.NumClasses);
        if (bad >= 0)
        {
            throw new InvalidDataException(
                $"{Path.GetFileName(maskPath)}: value {classes.Data[bad]} at pixel {bad} is not a class id below {options.NumClasses}"
            );
        }

        using var scope = NewDisposeScope();
        var image = tensor(pixels.Data).view(pixels.Height, pixels.Width, 3).permute(2, 0, 1).contiguous().to(float32) / 255f;
        if (options is { Mean: { } mean, Std: { } std })
        {
            image = (image - tensor(mean.ToArray()).view(-1, 1, 1)) / tensor(std.ToArray()).view(-1, 1, 1);
        }
        var mask = tensor(classes.Data).view(classes.Height, classes.Width).to(int64);
        var result = options.Transform is null ? (image, mask) : options.Transform.Apply(image, mask);
        return new()
        {
            [SampleKeys.Image] = result.Item1.MoveToOuterDisposeScope(),
            [SampleKeys.Mask] = result.Item2.MoveToOuterDisposeScope(),
        };
    }

    private ImageResult Open(string path, ColorComponents components)
    {
        using var stream = files.Open(path);
        try
        {
            return ImageResult.FromStream(stream, components);
        }
        catch (Exception e)
            when (e
                    is InvalidOperationException
                        or ArgumentException
                        or IndexOutOfRangeException
                        or EndOfStreamException
                        or NotSupportedException
            )
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} could not be decoded as PNG", e);
        }
    }
}
