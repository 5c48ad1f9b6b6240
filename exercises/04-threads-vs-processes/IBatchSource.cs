namespace ExerciseKit.Exercises.LoadingStages;

/// <summary>
/// Where batches come from: reading and decoding batch <c>index</c> is slow, CPU-bound work. Load may be called from
/// any thread, for different indices at the same time; it stops early (OperationCanceledException) once the token is
/// cancelled.
/// </summary>
public interface IBatchSource
{
    int Count { get; }

    Batch Load(int index, CancellationToken cancellationToken);
}
