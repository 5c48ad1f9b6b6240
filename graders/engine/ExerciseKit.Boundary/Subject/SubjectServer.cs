using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace ExerciseKit.Boundary.Subject;

/// <summary>
/// The subject process: runs the learner's code (and the kit's probes beside it) for a judge that never loads it.
/// Reads calls on standard input and answers on standard output; learner code that writes to the console writes to
/// standard error instead. Every answer is only an observation: the judge decides what it is worth.
/// </summary>
public sealed class SubjectServer : IHandleTable
{
    private readonly Stream output;
    private readonly ConcurrentDictionary<long, object> objects = new();
    private readonly ConcurrentDictionary<long, CancellationTokenSource> tokens = new();
    private readonly ConcurrentDictionary<string, Type> types = new();
    private long nextHandle;

    private SubjectServer(Stream output) => this.output = output;

    /// <summary>
    /// Switches autograd off on the calling thread until disposed, for calls the judge flags
    /// <see cref="Frames.WithoutAutograd"/>; set by a TorchSharp subject's warm-up (Torch/TensorCodec.cs).
    /// </summary>
    public static Func<IDisposable>? AutogradOff { get; set; }

    /// <summary>Serves calls until the judge closes standard input; <paramref name="warmUp"/> runs first, before any learner type loads.</summary>
    public static int Run(Action warmUp)
    {
        var input = Console.OpenStandardInput();
        var output = Console.OpenStandardOutput();
        var errors = new StreamWriter(Console.OpenStandardError(), new UTF8Encoding(false)) { AutoFlush = true };
        Console.SetOut(errors);
        Console.SetIn(TextReader.Null);
        warmUp();
        var server = new SubjectServer(output);
        while (Frames.Read(input) is { } frame)
        {
            server.Receive(frame);
        }
        Environment.Exit(0); // learner threads still running must not keep the process alive
        return 0;
    }

    private void Receive(MemoryStream frame)
    {
        var reader = new BinaryReader(frame);
        switch (reader.ReadByte())
        {
            case Frames.Invoke:
                var id = reader.ReadInt64();
                _ = Task.Run(() => InvokeAsync(id, reader));
                break;
            case Frames.Release:
                objects.TryRemove(reader.ReadInt64(), out _);
                break;
            case Frames.Cancel:
                Token(reader.ReadInt64()).Cancel();
                break;
            default:
                throw new InvalidDataException("unknown message from the judge");
        }
    }

    private async Task InvokeAsync(long id, BinaryReader reader)
    {
        object? result;
        try
        {
            result = await Call(reader);
        }
        catch (Exception e)
        {
            Answer(id, e is TargetInvocationException { InnerException: { } inner } ? inner : e);
            return;
        }
        Answer(id, result);
    }

    private async Task<object?> Call(BinaryReader reader)
    {
        var kind = reader.ReadByte();
        object? target = null;
        Type type;
        if (kind == Frames.OnHandle)
        {
            target = Object(reader.ReadInt64());
            type = target.GetType();
        }
        else
        {
            type = Type(reader.ReadString());
        }
        var member = reader.ReadString();
        var flags = reader.ReadByte();
        var hints = new string[Wire.Count(reader, 1)];
        for (var i = 0; i < hints.Length; i++)
        {
            hints[i] = reader.ReadString();
        }
        if (kind == Frames.Construct)
        {
            var constructor = Pick(type.GetConstructors(), hints, type.Name);
            return constructor.Invoke(Arguments(reader, constructor, hints.Length));
        }
        if (member == Frames.NextItem && target is not null)
        {
            return await NextItem(target);
        }
        var method = Pick(Methods(type, member, target is null), hints, $"{type.Name}.{member}");
        var arguments = Arguments(reader, method, hints.Length);
        object? value;
        using (flags == Frames.WithoutAutograd ? AutogradOff?.Invoke() : null)
        {
            value = method.Invoke(target, arguments);
        }
        return await Awaited(value);
    }

    private object?[] Arguments(BinaryReader reader, MethodBase method, int count)
    {
        var parameters = method.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            arguments[i] = i < count ? Wire.Read(reader, parameters[i].ParameterType, this) : parameters[i].DefaultValue;
        }
        return arguments;
    }

    private static async Task<object?> Awaited(object? value)
    {
        switch (value)
        {
            case Task task:
                await task;
                var result = task.GetType().GetProperty("Result");
                return result is null || result.PropertyType.Name == "VoidTaskResult" ? null : result.GetValue(task);
            case ValueTask plain:
                await plain;
                return null;
        }
        if (value?.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            return await Awaited(type.GetMethod("AsTask")!.Invoke(value, null));
        }
        return value;
    }

    /// <summary>One step of an async enumerator: (false, null) at its end, else (true, its current item).</summary>
    private static async Task<object?> NextItem(object enumerator)
    {
        var contract =
            enumerator
                .GetType()
                .GetInterfaces()
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerator<>))
            ?? throw new InvalidOperationException($"{enumerator.GetType().Name} is not an async enumerator");
        var more = (bool)(await Awaited(contract.GetMethod(nameof(IAsyncEnumerator<object>.MoveNextAsync))!.Invoke(enumerator, null)))!;
        return more ? (true, contract.GetProperty(nameof(IAsyncEnumerator<object>.Current))!.GetValue(enumerator)) : (false, (object?)null);
    }

    /// <summary>Public members of the type, and interface members it implements explicitly (an async iterator's MoveNextAsync).</summary>
    private static IEnumerable<MethodInfo> Methods(Type type, string name, bool isStatic)
    {
        var flags = BindingFlags.Public | (isStatic ? BindingFlags.Static : BindingFlags.Instance | BindingFlags.FlattenHierarchy);
        var own = type.GetMethods(flags).Where(m => m.Name == name);
        return isStatic ? own : own.Concat(type.GetInterfaces().SelectMany(i => i.GetMethods()).Where(m => m.Name == name));
    }

    /// <summary>The overload for the judge's argument count, best matched on its declared parameter type names.</summary>
    private static T Pick<T>(IEnumerable<T> candidates, string[] hints, string what)
        where T : MethodBase =>
        candidates
            .Where(m => m.GetParameters() is var p && p.Length >= hints.Length && p.Skip(hints.Length).All(q => q.HasDefaultValue))
            .OrderByDescending(m => m.GetParameters().Zip(hints).Count(pair => pair.First.ParameterType.Name == pair.Second))
            .ThenBy(m => m.GetParameters().Length)
            .FirstOrDefault()
        ?? throw new MissingMethodException($"{what} taking {hints.Length} argument(s) does not exist");

    private Type Type(string name) =>
        types.GetOrAdd(name, n => System.Type.GetType(n) ?? throw new TypeLoadException($"type {n} not found"));

    private object Object(long handle) =>
        objects.TryGetValue(handle, out var value) ? value : throw new ObjectDisposedException($"object #{handle}");

    private CancellationTokenSource Token(long id) => tokens.GetOrAdd(id, _ => new CancellationTokenSource());

    private void Answer(long id, object? result)
    {
        var body = new MemoryStream();
        var writer = new BinaryWriter(body);
        try
        {
            writer.Write(Frames.Result);
            writer.Write(id);
            Wire.Write(writer, result, this);
        }
        catch (Exception e)
        {
            Answer(id, e);
            return;
        }
        Send(body);
    }

    private void Answer(long id, Exception error)
    {
        var body = new MemoryStream();
        var writer = new BinaryWriter(body);
        writer.Write(Frames.Fault);
        writer.Write(id);
        writer.Write(error.GetType().FullName ?? "");
        var bases = new List<string>();
        for (var t = error.GetType().BaseType; t is not null && t != typeof(object); t = t.BaseType)
        {
            bases.Add(t.FullName ?? "");
        }
        writer.Write(bases.Count);
        bases.ForEach(writer.Write);
        writer.Write(error.Message);
        writer.Write(LearnerFrame(error));
        var cause = error.GetBaseException(); // a sort wraps its comparer's exception, a loader its worker's
        writer.Write(!ReferenceEquals(cause, error));
        if (!ReferenceEquals(cause, error))
        {
            writer.Write(cause.GetType().FullName ?? "");
            writer.Write(cause.Message);
        }
        var properties = ExceptionProperties(error);
        writer.Write(properties.Count);
        foreach (var (name, value) in properties)
        {
            writer.Write(name);
            Wire.Write(writer, value, this);
        }
        Send(body);
    }

    /// <summary>The learner's own exception's simple properties (WorkerFailedException.ExitCode): the framework's carry none worth sending.</summary>
    private static List<(string Name, object? Value)> ExceptionProperties(Exception error) =>
        error.GetType().Namespace?.StartsWith("System", StringComparison.Ordinal) == true
            ? []
            :
            [
                .. error
                    .GetType()
                    .GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                    .Where(p => p.GetIndexParameters().Length == 0 && (p.PropertyType.IsPrimitive || p.PropertyType == typeof(string)))
                    .Select(p => (p.Name, p.GetValue(error))),
            ];

    private void Send(MemoryStream body)
    {
        lock (output)
        {
            Frames.Write(output, body);
        }
    }

    /// <summary>" in SoftmaxRegression.Gradient (line 31)": the innermost frame of the learner's own code, or "".</summary>
    private static string LearnerFrame(Exception e)
    {
        foreach (var frame in new StackTrace(e, fNeedFileInfo: true).GetFrames())
        {
            var type = frame.GetMethod()?.DeclaringType;
            while (type is { DeclaringType: not null } && type.Name.Contains('<', StringComparison.Ordinal))
            {
                type = type.DeclaringType; // a lambda's or local function's closure class: name the method around it
            }
            if (type is null || !IsLearnerAssembly(type.Assembly))
            {
                continue;
            }
            var method = frame.GetMethod()!.Name;
            var close = method.IndexOf('>', StringComparison.Ordinal);
            method = method.StartsWith('<') && close > 1 ? method[1..close] : method;
            var line = frame.GetFileLineNumber();
            return $" in {type.Name}.{method}" + (line > 0 ? $" (line {line})" : "");
        }
        return "";
    }

    private static bool IsLearnerAssembly(Assembly assembly) =>
        assembly.GetName().Name is { } name
        && assembly != Assembly.GetEntryAssembly()
        && assembly != typeof(SubjectServer).Assembly
        && !name.StartsWith("System", StringComparison.Ordinal)
        && !name.StartsWith("Microsoft", StringComparison.Ordinal)
        && !name.StartsWith("TorchSharp", StringComparison.Ordinal);

    public bool TryGetHandle(object value, out long handle)
    {
        handle = Interlocked.Increment(ref nextHandle);
        objects[handle] = value;
        return true;
    }

    public object ResolveHandle(long handle, string typeName, Type target) => Object(handle);

    public long TokenId(CancellationToken token) => 0;

    public CancellationToken ResolveToken(long id) =>
        id switch
        {
            0 => CancellationToken.None,
            < 0 => new CancellationToken(canceled: true),
            _ => Token(id).Token,
        };
}
