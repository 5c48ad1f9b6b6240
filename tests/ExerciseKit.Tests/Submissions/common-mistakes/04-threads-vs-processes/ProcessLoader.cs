using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace ExerciseKit.Exercises.LoadingStages;

// Sample submission with the classic pipe deadlock: it waits for the worker to exit before reading its stdout, which
// works while everything fits in the pipe's buffer. It also never disposes the Process.
public sealed class ProcessLoader(WorkerCommand command) : IBatchLoader
{
    private Process? worker;

    public async IAsyncEnumerable<Batch> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var start = command.CreateStartInfo();
        start.RedirectStandardOutput = true;
        var process = Process.Start(start)!;
        worker = process;
        process.WaitForExit();
        while (await FrameFormat.ReadAsync(process.StandardOutput.BaseStream, cancellationToken) is { } batch)
        {
            yield return batch;
        }
        if (process.ExitCode != 0)
        {
            throw new WorkerFailedException(process.ExitCode, "");
        }
    }

    public ValueTask DisposeAsync()
    {
        if (worker is { HasExited: false })
        {
            worker.Kill();
        }
        return ValueTask.CompletedTask;
    }
}
