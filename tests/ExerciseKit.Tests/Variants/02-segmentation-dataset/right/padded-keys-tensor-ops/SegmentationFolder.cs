using System.Text.RegularExpressions;
using StbImageSharp;
using static TorchSharp.torch;

namespace ExerciseKit.Exercises.SegmentationDataset;

/// <summary>Lists and pairs in the constructor, decodes one item per call.</summary>
public sealed class SegmentationFolder : utils.data.Dataset
{
    private readonly record struct Item(string Stem, string ImagePath, string MaskPath);

    private readonly SegmentationOptions options;
    private readonly IDatasetFiles files;
    private readonly IReadOnlyList<Item> items;

    public SegmentationFolder(string root, SegmentationOptions options, IDatasetFiles? files = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.NumClasses, 1);
        this.options = options;
        this.files = files ?? new DiskFiles();

        var imagesDir = Path.Combine(root, "images");
        var imageList = this.files.ListPngFiles(imagesDir);
        if (imageList.Count == 0)
        {
            throw new InvalidDataException($"{imagesDir} is empty: no .png images.");
        }
        var masks = this
            .files.ListPngFiles(Path.Combine(root, "masks"))
            .ToDictionary(p => Path.GetFileNameWithoutExtension(p), StringComparer.Ordinal);

        var list = new List<Item>();
        foreach (var path in imageList.OrderBy(SortKey, StringComparer.Ordinal).ThenBy(p => p, StringComparer.Ordinal))
        {
            var stem = Path.GetFileNameWithoutExtension(path);
            if (!masks.TryGetValue(stem, out var maskPath))
            {
                throw new InvalidDataException($"Missing mask for image '{Path.GetFileName(path)}'.");
            }
            list.Add(new Item(stem, path, maskPath));
        }
        items = list;
    }

    /// <summary>Every digit run left-padded to 40 digits: ordinal order of the keys is natural order of the names.</summary>
    private static string SortKey(string path) =>
        Regex.Replace(Path.GetFileNameWithoutExtension(path), @"\d+", run => run.Value.TrimStart('0').PadLeft(40, '0'));

    public override long Count => items.Count;

    public override Dictionary<string, Tensor> GetTensor(long index)
    {
        if ((ulong)index >= (ulong)items.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"index {index} is outside 0 … {items.Count - 1}");
        }
        var item = items[(int)index];
        var picture = Decode(item.ImagePath, ColorComponents.RedGreenBlue);
        var labelImage = Decode(item.MaskPath, ColorComponents.Grey);
        if (picture.Width != labelImage.Width || picture.Height != labelImage.Height)
        {
            throw new InvalidDataException($"Size mismatch: {Path.GetFileName(item.MaskPath)} vs its image.");
        }

        using var scope = NewDisposeScope();
        var mask = tensor(labelImage.Data).to(int64).reshape(labelImage.Height, labelImage.Width);
        var top = mask.max().item<long>();
        if (top >= options.NumClasses)
        {
            throw new InvalidDataException(
                $"{Path.GetFileName(item.MaskPath)}: class {top} is not below NumClasses = {options.NumClasses}."
            );
        }
        var image = tensor(picture.Data)
            .reshape(picture.Height, picture.Width, 3)
            .movedim(new long[] { 2 }, new long[] { 0 })
            .to(float32)
            .div(255.0f);
        if (options.Mean is not null && options.Std is not null)
        {
            using var meanT = tensor(options.Mean.ToArray());
            using var stdT = tensor(options.Std.ToArray());
            image = (image - meanT[.., TensorIndex.None, TensorIndex.None]) / stdT[.., TensorIndex.None, TensorIndex.None];
        }
        if (options.Transform is { } transform)
        {
            (image, mask) = transform.Apply(image, mask);
        }
        var sample = new Dictionary<string, Tensor> { [SampleKeys.Image] = image, [SampleKeys.Mask] = mask };
        foreach (var value in sample.Values)
        {
            value.MoveToOuterDisposeScope();
        }
        return sample;
    }

    private ImageResult Decode(string path, ColorComponents components)
    {
        using var stream = files.Open(path);
        try
        {
            return ImageResult.FromStream(stream, components);
        }
        catch (Exception error)
            when (error
                    is InvalidOperationException
                        or ArgumentException
                        or IndexOutOfRangeException
                        or NotSupportedException
                        or EndOfStreamException
            )
        {
            throw new InvalidDataException($"Could not read {Path.GetFileName(path)}: {error.Message}", error);
        }
    }
}
