using ExerciseKit.Grading.Boundary;

namespace ExerciseKit.Graders.LoadingStages;

/// <summary>
/// The learner's loaders (and the kit's probes) as the graders call them: each runs in the subject process
/// (Subject/), never in the graders'. <c>ThreadedLoader.New(source, workers, capacity)</c> reads like the constructor it calls.
/// </summary>
internal static class ThreadedLoader
{
    public static IBatchLoader New(IBatchSource source, int workers, int capacity) =>
        Learner.New<IThreadedLoader>(source, workers, capacity);

    /// <summary>A loader over the learner's own SyntheticBatches with these settings, made in the subject.</summary>
    public static IBatchLoader New(SyntheticBatches source, int workers, int capacity) => New(source.InSubject(), workers, capacity);
}

internal static class ProcessLoader
{
    public static IBatchLoader New(WorkerCommand command) => Learner.New<IProcessLoader>(command);
}

/// <summary>The loading stage: every batch of the epoch, once each, in index order; disposing it stops all its work.</summary>
public interface IBatchLoader : IAsyncDisposable
{
    IAsyncEnumerable<Batch> ReadAllAsync(CancellationToken cancellationToken = default);
}

[LearnerType("ExerciseKit.Exercises.LoadingStages.ThreadedLoader, LoadingStages")]
public interface IThreadedLoader : IBatchLoader;

[LearnerType("ExerciseKit.Exercises.LoadingStages.ProcessLoader, LoadingStages")]
public interface IProcessLoader : IBatchLoader;

/// <summary>A batch source in the subject, handed to a loader there.</summary>
public interface IBatchSource
{
    int Count { get; }
}

[LearnerType("ExerciseKit.Exercises.LoadingStages.SyntheticBatches, LoadingStages")]
public interface ISyntheticSource : IBatchSource;

/// <summary>One batch: its position in the epoch, a shape, and the values in row-major order.</summary>
public sealed record Batch(int Index, int[] Shape, float[] Values)
{
    public static int CountOf(IReadOnlyList<int> shape) => (int)shape.Aggregate(1L, (count, dimension) => count * dimension);
}

/// <summary>What a worker process can be told to go wrong with (the exercise's WorkerFault, in the same order).</summary>
public enum WorkerFault
{
    None,
    Exit,
    Crash,
    Truncate,
    Garbage,
    Hang,
    ChattyStderr,
}

/// <summary>How to start one worker process (the exercise's WorkerCommand, as it crosses the boundary).</summary>
public sealed record WorkerCommand(int Seed, int Count, IReadOnlyList<int> Shape, int Work = 16)
{
    public WorkerFault Fault { get; init; }

    public int FaultAt { get; init; }

    /// <summary>Appears on the worker's command line, so that its process can be found (and must be gone) afterwards.</summary>
    public string RunId { get; init; } = Guid.NewGuid().ToString("N");

    /// <summary>The batches the worker must send, computed by the graders.</summary>
    public SyntheticBatches CreateSource() => new(Seed, Count, Shape, Work);
}

/// <summary>Facts about the learner's types that only reflection on them can tell (the probe Subject/LoaderFacts.cs).</summary>
[LearnerType("ExerciseKit.Subjects.LoadingStages.LoaderFacts, LoadingStages.Subject")]
public interface ILoaderFacts
{
    bool? ReadAllAsyncTakesEnumeratorCancellation();
}
