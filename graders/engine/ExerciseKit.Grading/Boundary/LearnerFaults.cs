using System.Runtime.InteropServices;

namespace ExerciseKit.Grading.Boundary;

/// <summary>
/// Turns a fault reported by the subject into an exception of this process. Only the framework's own exception types
/// listed here are made again, so a grader's <c>Assert.Throws&lt;ArgumentException&gt;</c> reads as before; any other
/// type becomes a <see cref="LearnerException"/>. The subject names the type, so it is never loaded by that name.
/// </summary>
public static class LearnerFaults
{
    /// <summary>The key of <see cref="Exception.Data"/> that holds where in the learner's code an exception was thrown.</summary>
    public const string WhereKey = "ExerciseKit.Where";

    /// <summary>The key of <see cref="Exception.Data"/> that holds the full name of the type the learner's code threw.</summary>
    public const string TypeKey = "ExerciseKit.Type";

    private static readonly Dictionary<string, Func<string, Exception?, Exception>> Known = new()
    {
        [typeof(ArgumentException).FullName!] = (m, c) => new ArgumentException(m, c),
        [typeof(ArgumentNullException).FullName!] = (m, c) => new ArgumentNullException(m, c),
        [typeof(ArgumentOutOfRangeException).FullName!] = (m, c) => new ArgumentOutOfRangeException(m, c),
        [typeof(InvalidOperationException).FullName!] = (m, c) => new InvalidOperationException(m, c),
        [typeof(NotImplementedException).FullName!] = (m, c) => new NotImplementedException(m, c),
        [typeof(NotSupportedException).FullName!] = (m, c) => new NotSupportedException(m, c),
        [typeof(OperationCanceledException).FullName!] = (m, c) => new OperationCanceledException(m, c),
        [typeof(TaskCanceledException).FullName!] = (m, c) => new TaskCanceledException(m, c),
        [typeof(ObjectDisposedException).FullName!] = (m, c) => new ObjectDisposedException(m, c),
        [typeof(IndexOutOfRangeException).FullName!] = (m, c) => new IndexOutOfRangeException(m, c),
        [typeof(KeyNotFoundException).FullName!] = (m, c) => new KeyNotFoundException(m, c),
        [typeof(FormatException).FullName!] = (m, c) => new FormatException(m, c),
        [typeof(InvalidDataException).FullName!] = (m, c) => new InvalidDataException(m, c),
        [typeof(EndOfStreamException).FullName!] = (m, c) => new EndOfStreamException(m, c),
        [typeof(IOException).FullName!] = (m, c) => new IOException(m, c),
        [typeof(FileNotFoundException).FullName!] = (m, c) => new FileNotFoundException(m, c),
        [typeof(DirectoryNotFoundException).FullName!] = (m, c) => new DirectoryNotFoundException(m, c),
        [typeof(TimeoutException).FullName!] = (m, c) => new TimeoutException(m, c),
        [typeof(ExternalException).FullName!] = (m, c) => new ExternalException(m, c),
        [typeof(OverflowException).FullName!] = (m, c) => new OverflowException(m, c),
        [typeof(DivideByZeroException).FullName!] = (m, c) => new DivideByZeroException(m, c),
        [typeof(NullReferenceException).FullName!] = (m, c) => new NullReferenceException(m, c),
        [typeof(InvalidCastException).FullName!] = (m, c) => new InvalidCastException(m, c),
        [typeof(AggregateException).FullName!] = (m, c) => c is null ? new AggregateException(m) : new AggregateException(m, c),
    };

    /// <summary>
    /// The exception to throw here: the framework type the learner threw, or the closest framework type it derives from
    /// (a learner's FrameCorruptException : InvalidDataException stays an InvalidDataException), or a
    /// <see cref="LearnerException"/>. The learner's own type name is kept for messages (<see cref="NameOf"/>).
    /// </summary>
    public static Exception Make(
        string typeName,
        IReadOnlyList<string> baseTypes,
        string message,
        string where,
        Exception? cause = null,
        IReadOnlyDictionary<string, object?>? properties = null
    )
    {
        var known = new[] { typeName }.Concat(baseTypes).FirstOrDefault(Known.ContainsKey);
        var exception = known is not null
            ? Known[known](message, cause)
            : new LearnerException(typeName, baseTypes, message, where, cause, properties);
        exception.Data[WhereKey] = where;
        exception.Data[TypeKey] = typeName;
        return exception;
    }

    /// <summary>The name of the exception's type as the learner's code threw it ("WorkerFailedException", "ArgumentException").</summary>
    public static string NameOf(Exception e) =>
        e.Data[TypeKey] is string full ? full[(full.LastIndexOfAny(['.', '+']) + 1)..] : e.GetType().Name;

    /// <summary>Where in the learner's code <paramref name="e"/> was thrown (" in Type.Method (line N)"), or "".</summary>
    public static string Where(Exception e) => e.Data[WhereKey] as string ?? "";
}
