using System.Diagnostics;
using System.Text;

namespace ExerciseKit.Host;

/// <summary>
/// Runs a child process to completion or to its deadline, draining both pipes while it runs. With limits, a
/// process (tree) that writes too much output or holds too much memory is killed and the outcome says why.
/// </summary>
public static class ProcessRunner
{
    public static async Task<ProcessOutcome> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        string? workingDirectory = null,
        CancellationToken cancellation = default,
        Action<string>? onOutputLine = null,
        CancellationToken kill = default,
        string? standardInput = null,
        ProcessLimits? limits = null,
        IReadOnlyDictionary<string, string>? environment = null
    )
    {
        await using var process = await StartAsync(
            fileName,
            arguments,
            workingDirectory,
            onOutputLine,
            standardInput is not null,
            limits,
            environment
        );
        return await process.FinishAsync(standardInput, timeout, cancellation, kill);
    }

    /// <summary>
    /// Starts a process whose input and deadline come later (<see cref="RunningProcess.FinishAsync"/>): it can get
    /// ready — start the runtime, load and discover — while the host is still busy, and then wait for its input.
    /// </summary>
    public static async Task<RunningProcess> StartAsync(
        string fileName,
        IEnumerable<string> arguments,
        string? workingDirectory = null,
        Action<string>? onOutputLine = null,
        bool takesInput = false,
        ProcessLimits? limits = null,
        IReadOnlyDictionary<string, string>? environment = null
    )
    {
        limits ??= ProcessLimits.None;
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = takesInput,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var overLimit = new CancellationTokenSource();
        var output = new CappedText(limits.OutputChars, overLimit);
        process.OutputDataReceived += (_, e) =>
        {
            output.Append(e.Data, error: false);
            if (e.Data is not null)
            {
                onOutputLine?.Invoke(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) => output.Append(e.Data, error: true);
        try
        {
            await Spawner.StartAsync(process);
        }
        catch
        {
            process.Dispose();
            overLimit.Dispose();
            throw;
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var memory = limits.MemoryBytes > 0 ? new MemoryWatch(process.Id, limits, overLimit) : null;
        return new RunningProcess(process, output, overLimit, memory);
    }

    /// <summary>A started child process; disposing it kills whatever of its tree still runs.</summary>
    public sealed class RunningProcess : IAsyncDisposable
    {
        private readonly Process process;
        private readonly CappedText output;
        private readonly CancellationTokenSource overLimit;
        private readonly MemoryWatch? memory;

        internal RunningProcess(Process process, CappedText output, CancellationTokenSource overLimit, MemoryWatch? memory) =>
            (this.process, this.output, this.overLimit, this.memory) = (process, output, overLimit, memory);

        public bool HasExited => process.HasExited;

        /// <summary>
        /// Writes the input (then closes it, unless more is to come: <see cref="SendLineAsync"/>), waits for the exit
        /// or the deadline, counted from now.
        /// </summary>
        public async Task<ProcessOutcome> FinishAsync(
            string? standardInput,
            TimeSpan timeout,
            CancellationToken cancellation = default,
            CancellationToken kill = default,
            bool closeInput = true
        )
        {
            var stopwatch = Stopwatch.StartNew();
            if (standardInput is not null)
            {
                try
                {
                    await process.StandardInput.WriteAsync(standardInput);
                    await process.StandardInput.FlushAsync(CancellationToken.None);
                    if (closeInput)
                    {
                        process.StandardInput.Close();
                    }
                }
                catch (IOException)
                {
                    // It exited before reading its input: its outcome says the rest.
                }
            }

            var timedOut = await WaitOrKillAsync(process.WaitForExitAsync, timeout, cancellation, kill);
            process.WaitForExit(); // flushes the asynchronous output readers
            cancellation.ThrowIfCancellationRequested();
            return Outcome(process.ExitCode, (0, 0), timedOut, stopwatch.Elapsed, kill.IsCancellationRequested);
        }

        /// <summary>Where the output stands now: a later <see cref="FinishRunAsync"/> reports only what came after.</summary>
        public (int Output, int Error) OutputMark => output.Mark();

        /// <summary>
        /// For a process that does several runs (GraderSession): writes the line that starts the next one and waits for
        /// <paramref name="ended"/> (its exit code), the process's exit or the deadline; on the deadline, a kill or a
        /// limit the process is killed. The outcome holds the output written since <paramref name="mark"/>.
        /// </summary>
        public async Task<ProcessOutcome> FinishRunAsync(
            string line,
            Task<int> ended,
            (int Output, int Error) mark,
            TimeSpan timeout,
            CancellationToken cancellation = default,
            CancellationToken kill = default
        )
        {
            var stopwatch = Stopwatch.StartNew();
            await SendLineAsync(line);
            var timedOut = await WaitOrKillAsync(
                token => Task.WhenAny(ended, process.WaitForExitAsync(token)).WaitAsync(token),
                timeout,
                cancellation,
                kill
            );

            var finished =
                ended.IsCompletedSuccessfully && !timedOut && !kill.IsCancellationRequested && !overLimit.IsCancellationRequested;
            if (!finished)
            {
                await KillAsync();
                process.WaitForExit(); // flushes the asynchronous output readers
            }
            cancellation.ThrowIfCancellationRequested();
            return Outcome(finished ? ended.Result : process.ExitCode, mark, timedOut, stopwatch.Elapsed, kill.IsCancellationRequested);
        }

        /// <summary>
        /// Waits until the deadline, a cancellation, a kill or a limit; on any of them the process is killed. True when
        /// it was the deadline.
        /// </summary>
        private async Task<bool> WaitOrKillAsync(
            Func<CancellationToken, Task> wait,
            TimeSpan timeout,
            CancellationToken cancellation,
            CancellationToken kill
        )
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation, kill, overLimit.Token);
            deadline.CancelAfter(timeout);
            try
            {
                await wait(deadline.Token);
                return false;
            }
            catch (OperationCanceledException)
            {
                var timedOut = !cancellation.IsCancellationRequested && !kill.IsCancellationRequested && !overLimit.IsCancellationRequested;
                await KillAsync();
                return timedOut;
            }
        }

        private ProcessOutcome Outcome(int exitCode, (int Output, int Error) from, bool timedOut, TimeSpan elapsed, bool killed) =>
            new(
                exitCode,
                output.Text(error: false, from.Output),
                output.Text(error: true, from.Error),
                timedOut,
                elapsed,
                killed,
                output.Exceeded,
                memory?.Exceeded ?? false,
                memory?.Peak ?? 0
            );

        /// <summary>One more line on the process's input, if it still reads it.</summary>
        public async Task SendLineAsync(string line)
        {
            try
            {
                await process.StandardInput.WriteLineAsync(line);
                await process.StandardInput.FlushAsync(CancellationToken.None);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
            {
                // it ended, or closed its input: its outcome says the rest
            }
        }

        public async ValueTask DisposeAsync()
        {
            await KillAsync();
            memory?.Dispose();
            overLimit.Dispose();
            process.Dispose();
        }

        private async Task KillAsync()
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                return; // it had exited already
            }

            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    /// <summary>Both streams' text up to a shared limit; past it, the process is stopped.</summary>
    internal sealed class CappedText(long limit, CancellationTokenSource stop)
    {
        private readonly StringBuilder stdout = new();
        private readonly StringBuilder stderr = new();
        private long total;

        public bool Exceeded { get; private set; }

        public void Append(string? line, bool error)
        {
            if (line is null)
            {
                return;
            }

            lock (this)
            {
                total += line.Length + 1;
                if (limit > 0 && total > limit)
                {
                    if (!Exceeded)
                    {
                        Exceeded = true;
                        stop.Cancel();
                    }
                    return;
                }
                (error ? stderr : stdout).AppendLine(line);
            }
        }

        public string Text(bool error, int from = 0)
        {
            lock (this)
            {
                var text = error ? stderr : stdout;
                return text.ToString(Math.Min(from, text.Length), text.Length - Math.Min(from, text.Length));
            }
        }

        public (int Output, int Error) Mark()
        {
            lock (this)
            {
                return (stdout.Length, stderr.Length);
            }
        }
    }

    /// <summary>
    /// The resident memory of a process and all its descendants, sampled four times a second. All watches share one sampler that reads the process table once per sample, however many
    /// processes are watched.
    /// </summary>
    internal sealed class MemoryWatch : IDisposable
    {
        private static readonly List<MemoryWatch> Watched = [];
        private static Timer? sampler;

        private readonly int root;
        private readonly ProcessLimits limits;
        private readonly CancellationTokenSource stop;
        private volatile bool disposed;

        public MemoryWatch(int root, ProcessLimits limits, CancellationTokenSource stop)
        {
            (this.root, this.limits, this.stop) = (root, limits, stop);
            lock (Watched)
            {
                Watched.Add(this);
                sampler ??= new Timer(_ => SampleAll(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
            }
        }

        public bool Exceeded { get; private set; }

        public long Peak { get; private set; }

        public void Dispose()
        {
            disposed = true;
            lock (Watched)
            {
                Watched.Remove(this);
                if (Watched.Count == 0)
                {
                    sampler?.Dispose();
                    sampler = null;
                }
            }
        }

        private static void SampleAll()
        {
            MemoryWatch[] watches;
            lock (Watched)
            {
                watches = [.. Watched];
            }
            if (watches.Length > 0)
            {
                var table = ProcessTable.Read();
                foreach (var watch in watches)
                {
                    watch.Observe(table.ResidentBytes(watch.root));
                }
            }
        }

        private void Observe(long resident)
        {
            if (disposed)
            {
                return;
            }
            Peak = Math.Max(Peak, resident);
            if (limits.MemoryBytes > 0 && resident > limits.MemoryBytes && !Exceeded)
            {
                Exceeded = true;
                Stop();
            }
        }

        private void Stop()
        {
            try
            {
                stop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // the run ended while this sample was taken
            }
        }
    }
}
