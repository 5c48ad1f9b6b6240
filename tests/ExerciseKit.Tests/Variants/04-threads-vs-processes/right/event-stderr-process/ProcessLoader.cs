using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;

namespace ExerciseKit.Exercises.LoadingStages;

/// <summary>
/// Starts the worker with both streams redirected; stderr is collected by the Process's own event-based reader
/// (BeginErrorReadLine), stdout is read frame by frame. The worker is killed on cancel, on an early exit and on
/// dispose, and always waited for.
/// </summary>
public sealed class ProcessLoader : IBatchLoader
{
    private const int KeepChars = 16_384;

    private readonly WorkerCommand command;
    private readonly StringBuilder errorTail = new();
    private Process? child;

    public ProcessLoader(WorkerCommand command) => this.command = command ?? throw new ArgumentNullException(nameof(command));

    public async IAsyncEnumerable<Batch> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (child != null)
        {
            throw new InvalidOperationException("already started");
        }
        var info = command.CreateStartInfo();
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = false;
        child = new Process { StartInfo = info };
        child.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (errorTail)
            {
                errorTail.Append(e.Data).Append('\n');
                if (errorTail.Length > 2 * KeepChars)
                {
                    errorTail.Remove(0, errorTail.Length - KeepChars);
                }
            }
        };
        child.Start();
        child.BeginErrorReadLine();

        using var onCancel = cancellationToken.Register(Stop);
        var finished = false;
        try
        {
            var stdout = child.StandardOutput.BaseStream;
            while (true)
            {
                var batch = await FrameFormat.ReadAsync(stdout, cancellationToken);
                if (batch is null)
                {
                    break;
                }
                yield return batch;
            }
            cancellationToken.ThrowIfCancellationRequested();
            await child.WaitForExitAsync(cancellationToken); // also waits until the stderr events are drained
            finished = true;
            if (child.ExitCode != 0)
            {
                string tail;
                lock (errorTail)
                {
                    tail = errorTail.ToString();
                }
                throw new WorkerFailedException(child.ExitCode, tail);
            }
        }
        finally
        {
            if (!finished)
            {
                Stop();
                await child.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    private void Stop()
    {
        try
        {
            if (child is { HasExited: false })
            {
                child.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // it exited between the check and the kill
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (child is null)
        {
            return;
        }
        Stop();
        await child.WaitForExitAsync();
        child.Dispose();
    }
}
