using ExerciseKit.Exercises.LoadingStages;

namespace ExerciseKit.Subjects.LoadingStages;

/// <summary>
/// A probe: the learner's <see cref="FrameFormat.ReadAsync"/> over bytes the graders chose, from a memory stream or from
/// one that delivers a byte per read, and how many bytes the reads allocated (an observation the learner's code
/// could forge).
/// </summary>
public sealed class FrameReader(byte[] bytes, bool trickle) : IDisposable
{
    private readonly Stream stream = trickle ? new TrickleStream(bytes) : new MemoryStream(bytes, writable: false);

    /// <summary>Bytes allocated in this process during the reads so far.</summary>
    public long AllocatedBytes { get; private set; }

    public async Task<Batch?> ReadAsync()
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        try
        {
            return await FrameFormat.ReadAsync(stream);
        }
        finally
        {
            AllocatedBytes += GC.GetTotalAllocatedBytes(precise: true) - before;
        }
    }

    /// <summary>The bytes the learner's <see cref="FrameFormat.Write"/> writes for one batch.</summary>
    public static byte[] Write(Batch batch)
    {
        using var output = new MemoryStream();
        FrameFormat.Write(output, batch);
        return output.ToArray();
    }

    public void Dispose() => stream.Dispose();
}
