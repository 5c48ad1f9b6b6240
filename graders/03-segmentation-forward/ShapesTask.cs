using static TorchSharp.torch;

namespace ExerciseKit.Graders.SegmentationForward;

/// <summary>
/// A synthetic segmentation task: a bright 8×8 square (class 1) and a bright plus-shaped cross (class 2, arms 3 pixels
/// wide and 9 long) on a noisy background (class 0). Brightness says "object"; only the shape says which one, so a
/// network must look at a neighbourhood, and without its skips it cannot place the thin arms' edges.
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

        var centre = (rand(new long[] { count, 2 }, generator: generator) * (size - 12) + 6).floor();
        var (dy, dx) = ((rows - centre.select(1, 0).view(count, 1, 1)).abs(), (cols - centre.select(1, 1).view(count, 1, 1)).abs());
        var cross = dy.le(1).logical_and(dx.le(4)).logical_or(dx.le(1).logical_and(dy.le(4)));

        var masks = zeros(new long[] { count, size, size }, int64).masked_fill(cross, 2).masked_fill(square, 1);
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
