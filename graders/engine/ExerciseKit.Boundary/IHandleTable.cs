namespace ExerciseKit.Boundary;

/// <summary>
/// What one side of the boundary does with objects that do not cross as data: the subject keeps them and hands out
/// a number, the judge turns a number into a proxy that calls across. Cancellation tokens cross the same way.
/// </summary>
public interface IHandleTable
{
    /// <summary>The handle of <paramref name="value"/> when it stays on this side; false when it crosses as data.</summary>
    bool TryGetHandle(object value, out long handle);

    object ResolveHandle(long handle, string typeName, Type target);

    long TokenId(CancellationToken token);

    CancellationToken ResolveToken(long id);
}
