using ExerciseKit.Grading;
using Xunit;
using static TorchSharp.torch;

namespace ExerciseKit.Graders.SegmentationDataset;

public sealed class DecodingGraders
{
    // 3 wide, 2 high, so that a swapped H and W shows in the shape.
    private const int Width = 3;
    private const int Height = 2;

    private static readonly byte[] Rgb = Enumerable.Range(0, Width * Height * 3).Select(i => (byte)(i * 13 + 7)).ToArray();

    [Fact, Graded("decoding", 2)]
    public void An_rgb_png_becomes_float32_channels_first_scaled_to_0_1()
    {
        using var scope = NewDisposeScope();
        using var folder = new PngFolder().Image("rgb", Width, Height, Rgb).Mask("rgb", Width, Height, new byte[Width * Height]);
        var image = Sample.Get(SegmentationFolder.New(folder.Root, new SegmentationOptions(2)), 0).Image;

        ImageIs(image, ChannelsFirst(Rgb, 3) / 255f, "images/rgb.png (3 wide, 2 high, RGB)");
    }

    [Fact, Graded("decoding", 1)]
    public void Grey_and_rgba_pngs_also_give_three_channels()
    {
        using var scope = NewDisposeScope();
        var grey = Enumerable.Range(0, Width * Height).Select(i => (byte)(i * 40)).ToArray();
        var rgba = Enumerable.Range(0, Width * Height * 4).Select(i => (byte)(i * 9)).ToArray();
        using var folder = new PngFolder().Image("a-grey", Width, Height, grey).Image("b-rgba", Width, Height, rgba);
        folder.Mask("a-grey", Width, Height, new byte[Width * Height]).Mask("b-rgba", Width, Height, new byte[Width * Height]);
        var dataset = SegmentationFolder.New(folder.Root, new SegmentationOptions(2));

        var greyAsRgb = grey.SelectMany(g => new[] { g, g, g }).ToArray();
        ImageIs(Sample.Get(dataset, 0).Image, ChannelsFirst(greyAsRgb, 3) / 255f, "images/a-grey.png (8-bit grey)");
        var rgbaWithoutAlpha = rgba.Where((_, i) => i % 4 != 3).ToArray();
        ImageIs(Sample.Get(dataset, 1).Image, ChannelsFirst(rgbaWithoutAlpha, 3) / 255f, "images/b-rgba.png (RGB + alpha)");
    }

    [Fact, Graded("decoding", 1)]
    public void The_mask_becomes_int64_class_ids_of_shape_H_W()
    {
        using var scope = NewDisposeScope();
        byte[] classes = [0, 1, 2, 2, 1, 0];
        using var folder = new PngFolder().Image("m", Width, Height, Rgb).Mask("m", Width, Height, classes);
        var mask = Sample.Get(SegmentationFolder.New(folder.Root, new SegmentationOptions(3)), 0).Mask;

        GradingFailure.Unless(
            mask.dtype == ScalarType.Int64,
            $"The mask is {mask.dtype}; class ids must be int64 (Long): cross_entropy and one_hot index with them."
        );
        GradingFailure.Unless(
            mask.shape.SequenceEqual(new long[] { Height, Width }),
            $"The mask has shape {Sample.Shape(mask)}, expected [{Height}, {Width}] (H, W — no channel axis). "
                + "Decode it as one grey channel, not as RGB."
        );
        var expected = tensor(classes.Select(c => (long)c).ToArray(), [Height, Width]);
        GradingFailure.Unless(
            mask.SameAs(expected),
            $"Mask values {Sample.Values(mask)}, expected the class ids stored in the PNG {Sample.Values(expected)}. Do not scale masks."
        );
    }

    [Fact, Graded("decoding", 1, Hidden = true)]
    public void Normalisation_subtracts_the_mean_and_divides_by_the_std_of_each_channel()
    {
        using var scope = NewDisposeScope();
        using var folder = new PngFolder().Image("n", Width, Height, Rgb).Mask("n", Width, Height, new byte[Width * Height]);
        var options = new SegmentationOptions(2) { Mean = [0.485f, 0.456f, 0.406f], Std = [0.229f, 0.224f, 0.225f] };
        var image = Sample.Get(SegmentationFolder.New(folder.Root, options), 0).Image;

        var expected =
            (ChannelsFirst(Rgb, 3) / 255f - tensor(new[] { 0.485f, 0.456f, 0.406f }).view(3, 1, 1))
            / tensor(new[] { 0.229f, 0.224f, 0.225f }).view(3, 1, 1);
        ImageIs(image, expected, "images/n.png with Mean = [0.485, 0.456, 0.406], Std = [0.229, 0.224, 0.225]");
    }

    private static Tensor ChannelsFirst(byte[] interleaved, int channels) =>
        tensor(interleaved, [Height, Width, channels]).permute(2, 0, 1).to(float32);

    private static void ImageIs(Tensor image, Tensor expected, string what)
    {
        GradingFailure.Unless(
            image.dtype == ScalarType.Float32,
            $"{what}: the image is {image.dtype}; models expect float32 (convert the bytes with .to(float32))."
        );
        GradingFailure.Unless(
            image.shape.SequenceEqual(expected.shape),
            $"{what}: shape {Sample.Shape(image)}, expected {Sample.Shape(expected)} = [channels, height, width]. "
                + (
                    image.shape.Length == 3 && image.shape[2] == 3
                        ? "The decoder gives rows of interleaved R,G,B (H, W, C): permute(2, 0, 1) puts channels first."
                        : "Decoders report width before height; tensors are [C, H, W]."
                )
        );
        if (image.allclose(expected, rtol: 0, atol: 1e-5))
        {
            return;
        }

        var advice =
            image.max().item<float>() > 1.5f && expected.max().item<float>() <= 1f ? "Values above 1: divide the bytes by 255."
            : image.allclose(expected.flip(-1), rtol: 0, atol: 1e-5) ? "The image is mirrored left-to-right."
            : "Check the channel order (R, G, B) and the row-major layout of the decoded bytes.";
        throw new GradingFailure($"{what}: {advice}\n  expected {Sample.Values(expected)}\n  got      {Sample.Values(image)}");
    }
}
