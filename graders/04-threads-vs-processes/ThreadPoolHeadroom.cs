using Xunit;

[assembly: AssemblyFixture(typeof(ExerciseKit.Graders.LoadingStages.ThreadPoolHeadroom))]

namespace ExerciseKit.Graders.LoadingStages;

/// <summary>
/// Loaders may block pool threads in <c>Load</c> (a CPU-bound load does), ProbeSource holds each load until N run
/// at once, and the graders run side by side. The pool would add a thread about every half second once its
/// minimum is busy, which a correct loader must not pay for: it starts with room for all of them.
/// </summary>
public sealed class ThreadPoolHeadroom
{
    public ThreadPoolHeadroom()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), completionPorts);
    }
}
