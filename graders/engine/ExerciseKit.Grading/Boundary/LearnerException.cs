namespace ExerciseKit.Grading.Boundary;

/// <summary>
/// An exception the learner's code threw in the subject, of a type this process does not make (the learner's own, or
/// one outside <see cref="LearnerFaults"/>): its type's full name, its base types, its message and where it was thrown.
/// </summary>
public sealed class LearnerException(
    string typeName,
    IReadOnlyList<string> baseTypes,
    string message,
    string where,
    Exception? cause = null,
    IReadOnlyDictionary<string, object?>? properties = null
) : Exception(message, cause)
{
    public string TypeName { get; } = typeName;

    public IReadOnlyList<string> BaseTypes { get; } = baseTypes;

    /// <summary>" in Type.Method (line N)", or "" when no frame of the learner's code was on the stack.</summary>
    public string Where { get; } = where;

    /// <summary>The type's simple name ("WorkerFailedException").</summary>
    public string Name => TypeName[(TypeName.LastIndexOfAny(['.', '+']) + 1)..];

    public bool Is(string fullName) => TypeName == fullName || BaseTypes.Contains(fullName);

    /// <summary>The exception's own simple properties (numbers, text), by name: WorkerFailedException's ExitCode.</summary>
    public IReadOnlyDictionary<string, object?> Properties { get; } = properties ?? new Dictionary<string, object?>();

    /// <summary>A property as <typeparamref name="T"/>, or default when the exception has no such property of that type.</summary>
    public T? Property<T>(string name) => Properties.TryGetValue(name, out var value) && value is T typed ? typed : default;
}
