using StbImageWriteSharp;

namespace ExerciseKit.Graders.SegmentationDataset;

/// <summary>A dataset folder (images/ and masks/) written to a fresh temporary directory, deleted on dispose.</summary>
internal sealed class PngFolder : IDisposable
{
    public PngFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "ek-segmentation-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, "images"));
        Directory.CreateDirectory(Path.Combine(Root, "masks"));
    }

    public string Root { get; }

    public string ImagePath(string name) => Path.Combine(Root, "images", name + ".png");

    public string MaskPath(string name) => Path.Combine(Root, "masks", name + ".png");

    /// <summary>Writes images/NAME.png with interleaved pixels (1, 3 or 4 bytes per pixel, row by row).</summary>
    public PngFolder Image(string name, int width, int height, byte[] pixels) =>
        Write(
            ImagePath(name),
            width,
            height,
            pixels,
            (pixels.Length / (width * height)) switch
            {
                1 => ColorComponents.Grey,
                3 => ColorComponents.RedGreenBlue,
                4 => ColorComponents.RedGreenBlueAlpha,
                var n => throw new ArgumentException($"{n} bytes per pixel"),
            }
        );

    /// <summary>Writes masks/NAME.png as an 8-bit grey PNG holding one class id per pixel.</summary>
    public PngFolder Mask(string name, int width, int height, byte[] classes) =>
        Write(MaskPath(name), width, height, classes, ColorComponents.Grey);

    /// <summary>A solid RGB image whose red channel is <paramref name="marker"/>, with a mask full of class marker % 3.</summary>
    public PngFolder Pair(string name, byte marker, int width = 3, int height = 2)
    {
        var rgb = Enumerable.Range(0, width * height).SelectMany(i => new[] { marker, (byte)i, (byte)(255 - i) }).ToArray();
        return Image(name, width, height, rgb).Mask(name, width, height, Enumerable.Repeat((byte)(marker % 3), width * height).ToArray());
    }

    public PngFolder Raw(string relativePath, byte[] bytes)
    {
        File.WriteAllBytes(Path.Combine(Root, relativePath), bytes);
        return this;
    }

    private PngFolder Write(string path, int width, int height, byte[] data, ColorComponents components)
    {
        using var stream = File.Create(path);
        new ImageWriter().WritePng(data, width, height, components, stream);
        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A learner's stream left open: the temp folder is cleaned by the OS later.
        }
    }
}
