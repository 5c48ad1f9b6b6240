using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ExerciseKit.Exercises.LoadingStages;

/// <summary>What a worker process can be told to go wrong with, at batch <see cref="WorkerCommand.FaultAt"/>.</summary>
public enum WorkerFault
{
    None,

    /// <summary>Exits with code 3 instead of loading the batch.</summary>
    Exit,

    /// <summary>The decoder throws: the process dies of an unhandled exception, its message on stderr.</summary>
    Crash,

    /// <summary>Writes the first bytes of a frame, then exits with code 0.</summary>
    Truncate,

    /// <summary>Writes a log line to stdout (a classic: Console.WriteLine in the worker), then exits with code 0.</summary>
    Garbage,

    /// <summary>Stops making progress, forever.</summary>
    Hang,

    /// <summary>Writes 1 MB of log lines to stderr before the first batch (FaultAt is ignored).</summary>
    ChattyStderr,
}

/// <summary>
/// How to start one worker process: this very project, run as <c>worker</c> with the synthetic source's settings.
/// <see cref="CreateStartInfo"/> says what to run; how stdin, stdout and stderr are connected is up to the loader.
/// </summary>
public sealed record WorkerCommand(int Seed, int Count, IReadOnlyList<int> Shape, int Work = 16)
{
    public WorkerFault Fault { get; init; }

    public int FaultAt { get; init; }

    /// <summary>Appears on the worker's command line, so that its process can be found (and must be gone) afterwards.</summary>
    public string RunId { get; init; } = Guid.NewGuid().ToString("N");

    public IBatchSource CreateSource() => new SyntheticBatches(Seed, Count, Shape, Work);

    public ProcessStartInfo CreateStartInfo()
    {
        var start = new ProcessStartInfo(DotnetHost()) { UseShellExecute = false };
        foreach (var argument in ToArguments())
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    public IEnumerable<string> ToArguments() =>
        [
            "exec",
            typeof(WorkerCommand).Assembly.Location,
            "worker",
            "--seed",
            Text(Seed),
            "--count",
            Text(Count),
            "--shape",
            string.Join(",", Shape.Select(Text)),
            "--work",
            Text(Work),
            "--fault",
            Fault.ToString(),
            "--fault-at",
            Text(FaultAt),
            "--run-id",
            RunId,
        ];

    /// <summary>Reads back the arguments after "worker"; throws FormatException naming what is wrong.</summary>
    public static WorkerCommand Parse(IReadOnlyList<string> arguments)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i < arguments.Count; i += 2)
        {
            if (!arguments[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= arguments.Count)
            {
                throw new FormatException($"expected --name value pairs, got '{arguments[i]}'");
            }
            values[arguments[i][2..]] = arguments[i + 1];
        }
        string Required(string name) => values.TryGetValue(name, out var value) ? value : throw new FormatException($"--{name} is missing");
        var shape = Required("shape");
        return new WorkerCommand(
            Number(Required("seed")),
            Number(Required("count")),
            shape.Length == 0 ? [] : [.. shape.Split(',').Select(Number)],
            Number(Required("work"))
        )
        {
            Fault = Enum.Parse<WorkerFault>(Required("fault")),
            FaultAt = Number(Required("fault-at")),
            RunId = Required("run-id"),
        };
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int Number(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a whole number");

    // The dotnet host that runs this process: <root>/shared/Microsoft.NETCore.App/<version>/ is the runtime folder.
    private static string DotnetHost()
    {
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        return Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
    }
}
