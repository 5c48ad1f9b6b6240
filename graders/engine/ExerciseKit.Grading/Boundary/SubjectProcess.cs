using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Text.Json;

namespace ExerciseKit.Grading.Boundary;

/// <summary>
/// The judge's end of the boundary: one subject process that runs the learner's code, started before the first call
/// and again after it dies (so one crashing call costs one test). Calls are numbered and may overlap; each waits for
/// its own answer. Nothing the subject sends is trusted: a malformed answer fails the call that waits for it, and a
/// malformed stream ends the subject.
/// </summary>
public sealed class SubjectProcess : IHandleTable, IDisposable
{
    /// <summary>The subject's command line as a JSON array, set by the grading host (it wraps it in the sandbox).</summary>
    public const string CommandVariable = "EXERCISEKIT_SUBJECT";

    /// <summary>The file beside a grader assembly that names its subject assembly (written by the build).</summary>
    public const string PointerFile = "exercisekit-subject.txt";

    private const int ErrorTailChars = 2000;

    private const int ForwardedChars = 256 << 10;

    private static readonly object Gate = new();
    private static IReadOnlyList<string>? configured;
    private static SubjectProcess? current;
    private static int crashes;

    /// <summary>How many times one run starts its subject again after it ended by itself.</summary>
    private const int MostStarts = 3;

    private const string GaveUp = " It ended this way 3 times in this run, so the remaining tests were not run against your code.";

    private readonly Process process;
    private readonly Stream input;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<MemoryStream>> pending = new();
    private readonly StringBuilder errorTail = new();
    private long nextCall;
    private long nextToken;
    private long forwarded;
    private volatile Exception? ended;

    private SubjectProcess(IReadOnlyList<string> command)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment.Remove(CommandVariable);
        process = Process.Start(start) ?? throw new InvalidOperationException("the subject process did not start");
        input = process.StandardInput.BaseStream;
        process.ErrorDataReceived += (_, e) => KeepError(e.Data);
        process.BeginErrorReadLine();
        new Thread(ReadAnswers) { IsBackground = true, Name = "subject answers" }.Start();
    }

    /// <summary>The running subject, started now if there is none or the last one ended.</summary>
    public static SubjectProcess Current
    {
        get
        {
            lock (Gate)
            {
                if (current?.ended is { } reason && ++crashes >= MostStarts)
                {
                    // Code that ends its process on every call (a kill, a stack overflow in every path) would cost a start
                    // per test: after a few, the rest of the run's calls fail at once with the same reason.
                    if (!reason.Message.EndsWith(GaveUp, StringComparison.Ordinal))
                    {
                        current.ended = new GradingFailure(reason.Message + GaveUp);
                    }
                    return current;
                }
                if (current is null || current.ended is not null)
                {
                    current?.Dispose();
                    current = new SubjectProcess(configured ?? DefaultCommand());
                }
                return current;
            }
        }
    }

    /// <summary>Starts the subject early, so that its runtime and libraries load while the learner's code compiles.</summary>
    public static void Prestart() => _ = Current;

    /// <summary>Ends the current subject; the next call starts one with <paramref name="command"/> (a later exercise of a session).</summary>
    public static void Restart(IReadOnlyList<string>? command)
    {
        lock (Gate)
        {
            current?.Dispose();
            current = null;
            configured = command;
            crashes = 0;
        }
    }

    private static IReadOnlyList<string> DefaultCommand()
    {
        if (Environment.GetEnvironmentVariable(CommandVariable) is { Length: > 0 } json)
        {
            return JsonSerializer.Deserialize<string[]>(json) ?? throw new InvalidOperationException($"{CommandVariable} is empty");
        }
        var pointer = Path.Combine(AppContext.BaseDirectory, PointerFile);
        if (!File.Exists(pointer))
        {
            throw new InvalidOperationException($"{pointer} is missing: build the grader project again");
        }
        return [DotnetHost, File.ReadAllText(pointer).Trim()];
    }

    /// <summary>The dotnet host of this runtime (&lt;root&gt;/shared/Microsoft.NETCore.App/&lt;version&gt;/ is the runtime folder).</summary>
    public static string DotnetHost =>
        Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet"));

    internal object? Invoke(byte kind, string typeName, long handle, string member, object?[] arguments, string[] hints, Type returnType)
    {
        if (returnType == typeof(Task) || returnType == typeof(ValueTask))
        {
            var done = InvokeAsync(kind, typeName, handle, member, arguments, hints, typeof(object));
            return returnType == typeof(Task) ? done : new ValueTask(done);
        }
        if (
            returnType.IsGenericType
            && returnType.GetGenericTypeDefinition() is var open
            && (open == typeof(Task<>) || open == typeof(ValueTask<>))
        )
        {
            var result = returnType.GetGenericArguments()[0];
            var done = InvokeAsync(kind, typeName, handle, member, arguments, hints, result);
            var typed = typeof(SubjectProcess)
                .GetMethod(nameof(Typed), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(result)
                .Invoke(null, [done])!;
            return open == typeof(Task<>) ? typed : Activator.CreateInstance(returnType, typed);
        }
        // Decoded here, on the caller's thread, so that received tensors join the caller's dispose scope.
        MemoryStream frame;
        try
        {
            frame = SendAsync(kind, typeName, handle, member, arguments, hints).GetAwaiter().GetResult();
        }
        catch (AggregateException e) when (e.InnerException is { } inner)
        {
            ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }
        return Decode(frame, returnType);
    }

    private static async Task<T> Typed<T>(Task<object?> done) => (T)(await done)!;

    internal async Task<object?> InvokeAsync(
        byte kind,
        string typeName,
        long handle,
        string member,
        object?[] arguments,
        string[] hints,
        Type returnType
    ) => Decode(await SendAsync(kind, typeName, handle, member, arguments, hints), returnType);

    /// <summary>Sends one call (its arguments encoded on the caller's thread) and waits for its answer's frame.</summary>
    private Task<MemoryStream> SendAsync(byte kind, string typeName, long handle, string member, object?[] arguments, string[] hints)
    {
        var id = Interlocked.Increment(ref nextCall);
        var answer = new TaskCompletionSource<MemoryStream>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = answer;
        var body = new MemoryStream();
        var writer = new BinaryWriter(body);
        writer.Write(Frames.Invoke);
        writer.Write(id);
        writer.Write(kind);
        if (kind == Frames.OnHandle)
        {
            writer.Write(handle);
        }
        else
        {
            writer.Write(typeName);
        }
        writer.Write(member);
        writer.Write(Learner.AutogradIsOff ? Frames.WithoutAutograd : (byte)0);
        writer.Write(hints.Length);
        foreach (var hint in hints)
        {
            writer.Write(hint);
        }
        foreach (var argument in arguments)
        {
            Wire.Write(writer, argument, this);
        }
        Send(body);
        return answer.Task;
    }

    /// <summary>An answer's frame as the value the caller asked for, or the learner's exception thrown again here.</summary>
    private object? Decode(MemoryStream frame, Type returnType)
    {
        var reader = new BinaryReader(frame);
        Exception fault;
        try
        {
            var kind = reader.ReadByte();
            _ = reader.ReadInt64();
            if (kind == Frames.Result)
            {
                return returnType == typeof(void) ? null : Wire.Read(reader, returnType, this);
            }
            var type = reader.ReadString();
            var bases = new string[Wire.Count(reader, 1)];
            for (var i = 0; i < bases.Length; i++)
            {
                bases[i] = reader.ReadString();
            }
            var (message, where) = (reader.ReadString(), reader.ReadString());
            var cause = reader.ReadBoolean() ? LearnerFaults.Make(reader.ReadString(), [], reader.ReadString(), where) : null;
            var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var count = Wire.Count(reader, 2); count > 0; count--)
            {
                properties[reader.ReadString()] = Wire.Read(reader, typeof(object), this);
            }
            fault = LearnerFaults.Make(type, bases, message, where, cause, properties);
        }
        catch (Exception e)
            when (e
                    is EndOfStreamException
                        or InvalidDataException
                        or InvalidCastException
                        or ArgumentException
                        or OverflowException
                        or FormatException
            )
        {
            throw new GradingFailure($"The process that runs your code sent an answer that does not decode ({e.Message}).");
        }
        throw fault;
    }

    internal void Release(long handle)
    {
        if (ended is not null)
        {
            return;
        }
        var body = new MemoryStream();
        var writer = new BinaryWriter(body);
        writer.Write(Frames.Release);
        writer.Write(handle);
        Send(body);
    }

    private void Send(MemoryStream body)
    {
        if (ended is { } reason)
        {
            throw reason;
        }
        try
        {
            lock (input)
            {
                Frames.Write(input, body);
            }
        }
        catch (IOException)
        {
            throw End();
        }
    }

    private void ReadAnswers()
    {
        try
        {
            var output = process.StandardOutput.BaseStream;
            while (Frames.Read(output) is { } frame)
            {
                var reader = new BinaryReader(frame);
                var kind = reader.ReadByte();
                var id = reader.ReadInt64();
                if (kind is not (Frames.Result or Frames.Fault) || !pending.TryRemove(id, out var answer))
                {
                    throw new InvalidDataException("an answer to no call");
                }
                frame.Position = 0;
                answer.TrySetResult(frame);
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or EndOfStreamException)
        {
            KeepError($"[kit] the subject's answers stopped: {e.Message}");
        }
        End();
    }

    private Exception End()
    {
        lock (pending)
        {
            if (ended is null)
            {
                try
                {
                    if (!process.WaitForExit(TimeSpan.FromSeconds(2)))
                    {
                        process.Kill(entireProcessTree: true);
                    }
                }
                catch (InvalidOperationException)
                {
                    // never started or already reaped
                }
                var code = ExitCode() is { } exit ? $" (exit code {exit})" : "";
                string tail;
                lock (errorTail)
                {
                    tail = errorTail.ToString().Trim();
                }
                ended = new GradingFailure(
                    $"The process that runs your code ended early{code}, before it answered: a stack overflow, an exit call or an "
                        + "unhandled exception on another thread ends it at once."
                        + (tail.Length > 0 ? $" Its last output on standard error:\n{tail}" : "")
                );
            }
        }
        foreach (var id in pending.Keys)
        {
            if (pending.TryRemove(id, out var answer))
            {
                answer.TrySetException(ended);
            }
        }
        return ended;
    }

    private int? ExitCode()
    {
        try
        {
            return process.HasExited ? process.ExitCode : null;
        }
        catch (InvalidOperationException)
        {
            return null; // disposed: the judge stopped it
        }
    }

    private void KeepError(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (errorTail)
        {
            // Passed on to this process's error stream up to a cap: a stack overflow's trace runs to megabytes, and the
            // subject starts again after it, so an uncapped copy would hit the host's output limit and end every test.
            if (forwarded < ForwardedChars)
            {
                forwarded += line.Length + 1;
                Console.Error.WriteLine(forwarded < ForwardedChars ? line : "[kit] the rest of this process's error output is not shown");
            }
            errorTail.AppendLine(line);
            if (errorTail.Length > ErrorTailChars)
            {
                errorTail.Remove(0, errorTail.Length - ErrorTailChars);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            input.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(1)))
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // already gone
        }
        ended ??= new GradingFailure("The process that ran your code was stopped: the graders' run is over.");
        process.Dispose();
    }

    public bool TryGetHandle(object value, out long handle)
    {
        handle = value is LearnerProxy proxy && proxy.Subject == this ? proxy.Handle : 0;
        return handle != 0;
    }

    public object ResolveHandle(long handle, string typeName, Type target)
    {
        if (target.IsGenericType && target.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))
        {
            return Activator.CreateInstance(typeof(RemoteAsyncEnumerable<>).MakeGenericType(target.GetGenericArguments()), this, handle)!;
        }
        if (target == typeof(RemoteHandle))
        {
            return new RemoteHandle(handle);
        }
        return target.IsInterface
            ? LearnerProxy.Create(target, this, typeName, handle)
            : throw new InvalidDataException($"an object of type {typeName} where the graders expect a {target.Name}");
    }

    public long TokenId(CancellationToken token)
    {
        if (!token.CanBeCanceled)
        {
            return 0;
        }
        if (token.IsCancellationRequested)
        {
            return -1;
        }
        var id = Interlocked.Increment(ref nextToken);
        token.Register(() =>
        {
            var body = new MemoryStream();
            var writer = new BinaryWriter(body);
            writer.Write(Frames.Cancel);
            writer.Write(id);
            try
            {
                Send(body);
            }
            catch (GradingFailure)
            {
                // the subject is gone: nothing left to cancel
            }
        });
        return id;
    }

    public CancellationToken ResolveToken(long id) => CancellationToken.None;

    /// <summary>An object of the subject, by number: what an async sequence's enumerator is to this side.</summary>
    internal sealed record RemoteHandle(long Id);
}
