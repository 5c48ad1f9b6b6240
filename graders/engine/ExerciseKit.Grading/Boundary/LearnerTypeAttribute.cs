namespace ExerciseKit.Grading.Boundary;

/// <summary>
/// Names the type in the subject that an interface of the graders stands for: the learner's
/// ("ExerciseKit.Exercises.LogisticRegression.BinaryLogistic, LogisticRegression") or a probe's. The interface lists
/// the members the graders call, with the same names; values cross as data, other objects as handles.
/// </summary>
[AttributeUsage(AttributeTargets.Interface)]
public sealed class LearnerTypeAttribute(string assemblyQualifiedName) : Attribute
{
    public string AssemblyQualifiedName { get; } = assemblyQualifiedName;
}
