using System.Globalization;
using static TorchSharp.torch;

namespace ExerciseKit.Grading.Torch;

/// <summary>How graders quote tensors in their messages: shapes as [a, b], values as a short invariant-culture list.</summary>
public static class TensorText
{
    public static string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";

    /// <param name="shown">How many leading values to print (flattened).</param>
    /// <param name="format">A numeric format string for each value, e.g. "G4".</param>
    /// <param name="sayHowMany">After the ellipsis, also say how many values there are in all.</param>
    public static string Values(Tensor t, int shown, string format, bool sayHowMany = false)
    {
        var flat = t.detach().flatten().to(float64).data<double>().ToArray();
        var text = flat.Take(shown).Select(v => v.ToString(format, CultureInfo.InvariantCulture));
        var more =
            flat.Length <= shown ? ""
            : sayHowMany ? $", … ({flat.Length} values)"
            : ", …";
        return "[" + string.Join(", ", text) + more + "]";
    }
}
