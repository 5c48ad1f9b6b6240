using System.Diagnostics;
using static TorchSharp.torch;

namespace ExerciseKit.Exercises.LogisticRegression;

// A hostile submission: Environment.Exit is refused at build time (EK0002), so it kills its own process instead,
// hoping that a run which reports no failure reads as "passed".
public static class BinaryLogistic
{
    public static Tensor Sigmoid(Tensor z)
    {
        Process.GetCurrentProcess().Kill();
        return z;
    }

    public static Tensor Loss(Tensor x, Tensor y, Tensor w, Tensor b) => Sigmoid(x);

    public static Parameters Gradient(Tensor x, Tensor y, Tensor w, Tensor b) => new(Sigmoid(w), Sigmoid(b));
}
