using ExerciseKit.Grading.Boundary;

namespace ExerciseKit.Graders.LoadingStages;

/// <summary>
/// The probe <c>Subject/ProbeSource.cs</c>: a source in the subject that watches how the loader uses it (loads started,
/// running now, most at once) and can fail, jitter, pause or hold loads (<see cref="ProbeSettings"/>).
/// </summary>
[LearnerType("ExerciseKit.Subjects.LoadingStages.ProbeSource, LoadingStages.Subject")]
public interface IProbeSource : IBatchSource
{
    int Started { get; }

    int Active { get; }

    int MaxActive { get; }
}

internal static class ProbeSource
{
    public static IProbeSource Over(SyntheticBatches inner, ProbeSettings? settings = null) =>
        Learner.New<IProbeSource>(inner.Seed, inner.Count, inner.Shape, inner.Work, settings ?? new ProbeSettings());

    public static string FailureMessage(int index) => $"batch {index} is corrupt (the grader's source failed on purpose)";
}

/// <summary>How a probe source behaves.</summary>
public sealed record ProbeSettings
{
    public int? FailAt { get; init; }

    /// <summary>Sleeps 0–3 ms per index (seeded), so that workers finish out of order; -1: no jitter.</summary>
    public int JitterSeed { get; init; } = -1;

    /// <summary>Each load waits (up to half a second) until that many loads have once run at the same time.</summary>
    public int HoldUntilRunning { get; init; }

    /// <summary>A pause per load: an epoch that takes time but no CPU.</summary>
    public TimeSpan PausePerLoad { get; init; }

    /// <summary>This index's load waits until the load of <see cref="FailAt"/> has thrown (up to 3 s), then 300 ms more.</summary>
    public int? HoldUntilFailed { get; init; }
}

/// <summary>
/// The probe <c>Subject/StubbornSource.cs</c>: loads that only end when their token is cancelled, and then take
/// <see cref="WindDown"/> to stop.
/// </summary>
[LearnerType("ExerciseKit.Subjects.LoadingStages.StubbornSource, LoadingStages.Subject")]
public interface IStubbornSource : IBatchSource
{
    int Started { get; }

    int Active { get; }

    /// <summary>How many loads were given a token that can never be cancelled (CancellationToken.None, default).</summary>
    int Uncancellable { get; }
}

internal static class StubbornSource
{
    public static readonly TimeSpan WindDown = TimeSpan.FromMilliseconds(400);

    public static IStubbornSource New() => Learner.New<IStubbornSource>();
}

/// <summary>The probe <c>Subject/FrameReader.cs</c>: the learner's FrameFormat over bytes the graders chose.</summary>
[LearnerType("ExerciseKit.Subjects.LoadingStages.FrameReader, LoadingStages.Subject")]
public interface IFrameReader : IDisposable
{
    /// <summary>Bytes allocated in the subject during the reads so far.</summary>
    long AllocatedBytes { get; }

    Task<Batch?> ReadAsync();
}

[LearnerType("ExerciseKit.Subjects.LoadingStages.FrameReader, LoadingStages.Subject")]
public interface IFrameWriter
{
    byte[] Write(Batch batch);
}

internal static class FrameReader
{
    /// <param name="trickle">Deliver one byte per read, like a slow pipe.</param>
    public static IFrameReader Over(byte[] bytes, bool trickle = false) => Learner.New<IFrameReader>(bytes, trickle);

    /// <summary>The bytes the learner's FrameFormat.Write writes for one batch.</summary>
    public static byte[] Write(Batch batch) => Learner.Static<IFrameWriter>().Write(batch);
}

/// <summary>The probe <c>Subject/CancellingConsumer.cs</c>: reads a few batches, cancels, reads on, beside the loader.</summary>
[LearnerType("ExerciseKit.Subjects.LoadingStages.CancellingConsumer, LoadingStages.Subject")]
public interface ICancellingConsumer
{
    Task<CancelledRead> ReadThenCancelAsync(IBatchLoader loader, int before, int limit);
}

/// <summary>Batches read before the cancel and after it, and whether the read ended with OperationCanceledException.</summary>
public sealed record CancelledRead(int Before, int After, bool Cancelled);
