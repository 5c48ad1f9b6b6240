using static TorchSharp.torch;

namespace ExerciseKit.Graders.SegmentationForward;

/// <summary>
/// A synthetic segmentation task: a bright square (class 1) and a bright disc (class 2) on a noisy background
/// (class 0). Brightness says "object"; only the shape says which one, so a network must look at a neighbourhood.
/// </summary>
internal static class ShapesTask
{
    public const int Classes = 3;

    public static (Tensor Images, Tensor Masks) Batch(int count, int size, Generator generator)
    {
        var grid = arange(size, dtype: float32);
        var (rows, cols) = (grid.view(1, size, 1), grid.view(1, 1, size));

        var corner = rand(new long[] { count, 2 }, generator: generator) * (size - 12) + 2;
        var (top, left) = (corner.select(1, 0).view(count, 1, 1).floor(), corner.select(1, 1).view(count, 1, 1).floor());
        var square = rows.ge(top).logical_and(rows.lt(top + 8)).logical_and(cols.ge(left)).logical_and(cols.lt(left + 8));

        var centre = rand(new long[] { count, 2 }, generator: generator) * (size - 12) + 6;
        var (cy, cx) = (centre.select(1, 0).view(count, 1, 1), centre.select(1, 1).view(count, 1, 1));
        var disc = (rows - cy).square().add((cols - cx).square()).le(16.5);

        var masks = zeros(new long[] { count, size, size }, int64).masked_fill(disc, 2).masked_fill(square, 1);
        var noise = randn(new long[] { count, 1, size, size }, generator: generator) * 0.3f;
        return (noise + masks.gt(0).unsqueeze(1).to(float32), masks);
    }

    /// <summary>Intersection over union of each class, averaged over classes.</summary>
    public static double[] IouPerClass(Tensor predicted, Tensor truth) =>
        Enumerable
            .Range(0, Classes)
            .Select(c =>
            {
                var (p, t) = (predicted.eq(c), truth.eq(c));
                var union = p.logical_or(t).sum().item<long>();
                return union == 0 ? 1.0 : (double)p.logical_and(t).sum().item<long>() / union;
            })
            .ToArray();
}
