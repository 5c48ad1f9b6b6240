using System.Diagnostics;

namespace ExerciseKit.Host;

/// <summary>
/// Starts child processes from one thread that lives as long as the host. Linux ties a child's parent-death signal
/// (bubblewrap's --die-with-parent) to the *thread* that forked it: a child started from a thread-pool thread is
/// killed (exit code 137) as soon as the pool retires that thread, which happened under parallel class grading.
/// </summary>
internal static class Spawner
{
    private static readonly System.Collections.Concurrent.BlockingCollection<(Process Process, TaskCompletionSource Started)> Requests = [];

    static Spawner() =>
        new Thread(() =>
        {
            foreach (var (process, started) in Requests.GetConsumingEnumerable())
            {
                try
                {
                    process.Start();
                    started.SetResult();
                }
                catch (Exception e)
                {
                    started.SetException(e);
                }
            }
        })
        {
            IsBackground = true,
            Name = "ExerciseKit process spawner",
        }.Start();

    public static Task StartAsync(Process process)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((process, started));
        return started.Task;
    }
}
