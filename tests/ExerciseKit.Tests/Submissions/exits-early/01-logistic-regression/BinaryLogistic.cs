using static TorchSharp.torch;

namespace ExerciseKit.Exercises.LogisticRegression;

// A hostile submission: ends the grader process with exit code 0 as soon as it is called,
// hoping that "no failures reported" reads as "passed".
public static class BinaryLogistic
{
    public static Tensor Sigmoid(Tensor z)
    {
        Environment.Exit(0);
        return z;
    }

    public static Tensor Loss(Tensor x, Tensor y, Tensor w, Tensor b) => Sigmoid(x);

    public static Parameters Gradient(Tensor x, Tensor y, Tensor w, Tensor b) => new(Sigmoid(w), Sigmoid(b));
}
