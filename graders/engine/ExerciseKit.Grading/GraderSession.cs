using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;

namespace ExerciseKit.Grading;

/// <summary>
/// One grader process that grades several exercises of one submission, one after the other (grade-batch): each
/// TorchSharp grader process spends most of a CPU-second starting .NET, xunit and libtorch, and a session pays that
/// once per submission instead of once per exercise.
/// <para>
/// Protocol, on the process's standard streams. The host starts the first exercise's grader with its usual arguments
/// plus <see cref="Argument"/> and at once writes the session's key (hex) on its input: it is read before anything
/// else, so before any learner code. The first run then warms up and waits for a line (any) that says its learner
/// assembly is final, like a single run waits for its key. Each later run is one line of JSON (<see cref="RunCommand"/>).
/// After each run the process writes <see cref="EndMarker"/>, the run's signature and its exit code; end of input ends
/// the session. Verdicts are signed with the session's key: test names carry their exercise's namespace, so one
/// exercise's signatures never stand for another's.
/// </para>
/// </summary>
public static class GraderSession
{
    public const string Argument = "--exercisekit-session";

    public const string EndMarker = "##exercisekit: run ended";

    private static byte[]? key;
    private static string? verdicts;
    private static string? learner;
    private static bool awaitingGo;
    private static readonly List<AssemblyDependencyResolver> Resolvers = [];

    internal static bool IsActive => key is not null;

    /// <summary>The session's first run, still waiting to hear that its learner assembly is final: the time to warm up.</summary>
    internal static bool IsFirstRunWaiting => awaitingGo;

    /// <summary>What the host checks an end line against: the run's index, signed, so that learner output cannot end a run.</summary>
    public static string EndLine(byte[] sessionKey, int run, int exitCode) =>
        $"{EndMarker} {SigningTestFramework.Signature(sessionKey, "run ended " + run)} {exitCode}";

    /// <summary>
    /// The entry point's session loop. <paramref name="runOnce"/> runs xunit's console runner on an assembly (null: the
    /// entry assembly) with the given arguments and returns its exit code.
    /// </summary>
    public static int Run(string[] args, Func<Assembly?, string[], int> runOnce)
    {
        key = Convert.FromHexString((Console.In.ReadLine() ?? "").Trim());
        BeginRun(Environment.GetEnvironmentVariable(SigningTestFramework.FileVariable), learnerName: null, firstRun: true);
        var run = 1;
        var exitCode = runOnce(null, [.. args.Where(a => a != Argument)]);
        while (true)
        {
            Console.Out.WriteLine(EndLine(key, run, exitCode));
            Console.Out.Flush();
            if (Console.In.ReadLine() is not { Length: > 0 } line)
            {
                return 0;
            }
            var command = JsonSerializer.Deserialize<RunCommand>(line) ?? throw new InvalidOperationException("empty run command");
            run++;
            BeginRun(command.Verdicts, command.Learner, firstRun: false);
            exitCode = runOnce(Load(command.Assembly), [.. command.Arguments]);
        }
    }

    /// <summary>The log of the current run, once its learner assembly is final.</summary>
    internal static SigningTestFramework.VerdictLog? CurrentLog()
    {
        if (awaitingGo)
        {
            awaitingGo = false;
            _ = Console.In.ReadLine();
            RefuseIfLoaded(learner);
        }
        return verdicts is null || key is null ? null : new SigningTestFramework.VerdictLog(key, verdicts);
    }

    private static void BeginRun(string? verdictFile, string? learnerName, bool firstRun)
    {
        verdicts = string.IsNullOrEmpty(verdictFile) ? null : verdictFile;
        learner = learnerName ?? Environment.GetEnvironmentVariable(SigningTestFramework.NotYetLoadedVariable);
        Environment.SetEnvironmentVariable(SigningTestFramework.FileVariable, null);
        awaitingGo = firstRun;
        if (!firstRun)
        {
            RefuseIfLoaded(learner); // code of an earlier exercise may have loaded it: it would be the slot's previous build
        }
    }

    private static void RefuseIfLoaded(string? learnerName)
    {
        if (verdicts is not null && SigningTestFramework.VerdictLog.IsLoaded(learnerName))
        {
            File.WriteAllText(verdicts, SigningTestFramework.StaleMarker + "\n");
            Environment.Exit(0); // the host grades this exercise again in a process of its own
        }
    }

    /// <summary>A later exercise's grader, with its own dependencies (its learner assembly, its packages) resolved from its folder.</summary>
    private static Assembly Load(string path)
    {
        lock (Resolvers)
        {
            if (Resolvers.Count == 0)
            {
                AssemblyLoadContext.Default.Resolving += (context, name) =>
                    Resolvers.Select(r => r.ResolveAssemblyToPath(name)).FirstOrDefault(p => p is not null) is { } found
                        ? context.LoadFromAssemblyPath(found)
                        : null;
                AssemblyLoadContext.Default.ResolvingUnmanagedDll += (_, name) =>
                    Resolvers.Select(r => r.ResolveUnmanagedDllToPath(name)).FirstOrDefault(p => p is not null) is { } found
                        ? System.Runtime.InteropServices.NativeLibrary.Load(found)
                        : 0;
            }
            Resolvers.Add(new AssemblyDependencyResolver(path));
        }
        return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
    }

    /// <summary>One later run of a session: the grader assembly, xunit's arguments, the run's verdict file, its learner assembly's name.</summary>
    public sealed record RunCommand(string Assembly, IReadOnlyList<string> Arguments, string Verdicts, string Learner);
}
