using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;

namespace ExerciseKit.Exercises.LoadingStages;

/// <summary>
/// Loads batches in a separate worker process (see <see cref="WorkerCommand"/>) and reads them back from its stdout,
/// frame by frame, while it runs. A worker that exits with a non-zero code becomes a WorkerFailedException carrying
/// its stderr; a cut or garbled stream becomes the frame reader's exception. Cancelling, disposing or leaving the
/// loop early kills the worker: no process outlives the loader.
/// </summary>
public sealed class ProcessLoader : IBatchLoader
{
    private const int StderrKept = 8192;

    private readonly WorkerCommand command;
    private Process? worker;

    public ProcessLoader(WorkerCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        this.command = command;
    }

    public async IAsyncEnumerable<Batch> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (worker is not null)
        {
            throw new InvalidOperationException("A ProcessLoader is read once.");
        }
        var start = command.CreateStartInfo();
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true; // drained concurrently below: a full stderr pipe would block the worker
        worker = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var stderr = KeepTailAsync(worker.StandardError);

        // A pipe read may not notice cancellation: killing the worker ends the stream instead.
        await using var killOnCancel = cancellationToken.Register(Kill);
        try
        {
            var frames = worker.StandardOutput.BaseStream;
            while (await FrameFormat.ReadAsync(frames, cancellationToken) is { } batch)
            {
                yield return batch;
            }
            cancellationToken.ThrowIfCancellationRequested();
            await worker.WaitForExitAsync(cancellationToken);
            if (worker.ExitCode != 0)
            {
                throw new WorkerFailedException(worker.ExitCode, "");
            }
        }
        finally
        {
            Kill(); // no-op once the worker has exited; stops it when the consumer leaves early or an error ends the read
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (worker is null)
        {
            return;
        }
        Kill();
        await worker.WaitForExitAsync();
        worker.Dispose();
    }

    private void Kill()
    {
        try
        {
            worker?.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static async Task<string> KeepTailAsync(StreamReader reader)
    {
        var tail = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            tail.Append(buffer, 0, read);
            if (tail.Length > 2 * StderrKept)
            {
                tail.Remove(0, tail.Length - StderrKept);
            }
        }
        return tail.ToString();
    }
}
