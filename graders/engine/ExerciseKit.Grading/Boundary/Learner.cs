using System.Reflection;

namespace ExerciseKit.Grading.Boundary;

/// <summary>
/// How a grader reaches the learner's code: through an interface that mirrors the learner's type. Static members:
/// <c>Learner.Static&lt;IBinaryLogistic&gt;().Sigmoid(z)</c>; an instance: <c>Learner.New&lt;ISegmentationFolder&gt;(root, options)</c>.
/// The code runs in the subject process (<see cref="SubjectProcess"/>); this process never loads it.
/// </summary>
public static class Learner
{
    /// <summary>The static members of the type <typeparamref name="T"/> stands for.</summary>
    public static T Static<T>()
        where T : class => LearnerProxy.ForType<T>(TypeName(typeof(T)));

    /// <summary>A new instance of the type <typeparamref name="T"/> stands for, made in the subject.</summary>
    public static T New<T>(params object?[] arguments)
        where T : class
    {
        var subject = SubjectProcess.Current;
        return (T)subject.Invoke(Frames.Construct, TypeName(typeof(T)), 0, ".ctor", arguments, Hints(arguments), typeof(T))!;
    }

    private static readonly AsyncLocal<bool> WithoutAutograd = new();

    /// <summary>
    /// Until disposed, the learner's code called from here runs with TorchSharp's autograd switched off in the subject
    /// (an exercise that asks for gradients derived by hand).
    /// </summary>
    public static IDisposable AutogradOff()
    {
        var before = WithoutAutograd.Value;
        WithoutAutograd.Value = true;
        return new Restore(() => WithoutAutograd.Value = before);
    }

    internal static bool AutogradIsOff => WithoutAutograd.Value;

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }

    private static string[] Hints(object?[] arguments) => [.. arguments.Select(a => a?.GetType().Name ?? "")];

    internal static string TypeName(Type contract) =>
        contract.GetCustomAttribute<LearnerTypeAttribute>()?.AssemblyQualifiedName
        ?? throw new InvalidOperationException($"{contract.Name} has no [LearnerType]: which type of the subject does it stand for?");
}
