using System.Diagnostics;
using ExerciseKit.Grading;

namespace ExerciseKit.Graders.LoadingStages;

/// <summary>
/// Finds a command's worker processes in the process table (/proc) by the run id on their command line, so that
/// "no worker outlives the loader" is checked against the OS, not against what the loader says. Disposing kills
/// whatever is left, so one failing grader cannot disturb the next.
/// </summary>
internal sealed class WorkerProcesses(WorkerCommand command) : IDisposable
{
    public WorkerCommand Command { get; } = command;

    public IReadOnlyList<int> Running()
    {
        var found = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }
            try
            {
                if (
                    File.ReadAllText(Path.Combine(folder, "cmdline")).Contains(Command.RunId, StringComparison.Ordinal) && !IsZombie(folder)
                )
                {
                    found.Add(pid);
                }
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }
        return found;
    }

    /// <summary>Which of these processes still run right now (zombies, which have exited, do not count): one look, no waiting.</summary>
    public static IReadOnlyList<int> StillRunning(IEnumerable<int> pids) =>
        [
            .. pids.Where(pid =>
            {
                try
                {
                    return !IsZombie(Path.Combine("/proc", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
                catch (Exception error) when (error is IOException or UnauthorizedAccessException)
                {
                    return false; // gone
                }
            }),
        ];

    /// <summary>Fails unless every worker of the command has exited within two seconds.</summary>
    public async Task ExpectNoneLeftAsync(string situation)
    {
        if (await Deadline.UntilAsync(() => Running().Count == 0, TimeSpan.FromSeconds(2)))
        {
            return;
        }
        var left = Running();
        throw new GradingFailure(
            $"{situation}, the worker process (pid {string.Join(", ", left)}) was still running 2 s later. Kill it "
                + "(Process.Kill(entireProcessTree: true)), wait for it to exit and dispose the Process: a loader must never leave orphans."
        );
    }

    public void Dispose()
    {
        foreach (var pid in Running())
        {
            try
            {
                using var leftover = Process.GetProcessById(pid);
                leftover.Kill(entireProcessTree: true);
            }
            catch (Exception error) when (error is ArgumentException or InvalidOperationException)
            {
                // Already gone.
            }
        }
    }

    // /proc/<pid>/stat: "pid (name) S …" — the state letter follows the last ')'.
    private static bool IsZombie(string folder)
    {
        var stat = File.ReadAllText(Path.Combine(folder, "stat"));
        var state = stat[(stat.LastIndexOf(')') + 2)..];
        return state.StartsWith('Z') || state.StartsWith('X');
    }
}
