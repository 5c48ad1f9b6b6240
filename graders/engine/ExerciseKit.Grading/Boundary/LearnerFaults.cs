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

    private static readonly Dictionary<string, Func<string, Exception>> Known = new()
    {
        [typeof(ArgumentException).FullName!] = m => new ArgumentException(m),
        [typeof(ArgumentNullException).FullName!] = m => new ArgumentNullException(null, m),
        [typeof(ArgumentOutOfRangeException).FullName!] = m => new ArgumentOutOfRangeException(null, m),
        [typeof(InvalidOperationException).FullName!] = m => new InvalidOperationException(m),
        [typeof(NotImplementedException).FullName!] = m => new NotImplementedException(m),
        [typeof(NotSupportedException).FullName!] = m => new NotSupportedException(m),
        [typeof(OperationCanceledException).FullName!] = m => new OperationCanceledException(m),
        [typeof(TaskCanceledException).FullName!] = m => new TaskCanceledException(m),
        [typeof(ObjectDisposedException).FullName!] = m => new ObjectDisposedException(null, m),
        [typeof(IndexOutOfRangeException).FullName!] = m => new IndexOutOfRangeException(m),
        [typeof(KeyNotFoundException).FullName!] = m => new KeyNotFoundException(m),
        [typeof(FormatException).FullName!] = m => new FormatException(m),
        [typeof(InvalidDataException).FullName!] = m => new InvalidDataException(m),
        [typeof(EndOfStreamException).FullName!] = m => new EndOfStreamException(m),
        [typeof(IOException).FullName!] = m => new IOException(m),
        [typeof(FileNotFoundException).FullName!] = m => new FileNotFoundException(m),
        [typeof(DirectoryNotFoundException).FullName!] = m => new DirectoryNotFoundException(m),
        [typeof(TimeoutException).FullName!] = m => new TimeoutException(m),
        [typeof(ExternalException).FullName!] = m => new ExternalException(m),
        [typeof(OverflowException).FullName!] = m => new OverflowException(m),
        [typeof(DivideByZeroException).FullName!] = m => new DivideByZeroException(m),
        [typeof(NullReferenceException).FullName!] = m => new NullReferenceException(m),
        [typeof(InvalidCastException).FullName!] = m => new InvalidCastException(m),
        [typeof(AggregateException).FullName!] = m => new AggregateException(m),
    };

    public static Exception Make(string typeName, IReadOnlyList<string> baseTypes, string message, string where)
    {
        var exception = Known.TryGetValue(typeName, out var make)
            ? make(message)
            : new LearnerException(typeName, baseTypes, message, where);
        exception.Data[WhereKey] = where;
        return exception;
    }

    /// <summary>Where in the learner's code <paramref name="e"/> was thrown (" in Type.Method (line N)"), or "".</summary>
    public static string Where(Exception e) => e.Data[WhereKey] as string ?? "";
}
