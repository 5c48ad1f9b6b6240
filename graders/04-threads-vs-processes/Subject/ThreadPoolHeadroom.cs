using System.Runtime.CompilerServices;

namespace ExerciseKit.Subjects.LoadingStages;

/// <summary>
/// Loaders may block pool threads in <c>Load</c> (a CPU-bound load does), ProbeSource holds each load until N run
/// at once, and the graders' calls arrive side by side. The pool would add a thread about every half second once its
/// minimum is busy, which a correct loader must not pay for: the subject starts with room for all of them.
/// </summary>
internal static class ThreadPoolHeadroom
{
    [ModuleInitializer]
    internal static void Widen()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), completionPorts);
    }
}
