using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using ExerciseKit.Grading.Boundary;

namespace ExerciseKit.Grading;

/// <summary>
/// One grader process that grades several exercises of one submission, one after the other (grade-batch): each
/// TorchSharp grader process spends most of a CPU-second starting .NET, xunit and libtorch, and a session pays that
/// once per submission instead of once per exercise. Each exercise's learner code runs in a subject process of its
/// own, so no exercise's code can touch another's results.
/// <para>
/// Protocol, on the process's standard streams. The host starts the first exercise's grader with its usual arguments
/// plus <see cref="Argument"/>. The first run warms up and waits for a line (any) that says its learner assembly is
/// final. Each later run is one line of JSON (<see cref="RunCommand"/>). After each run the process writes
/// <see cref="EndMarker"/> and the run's exit code; end of input ends the session.
/// </para>
/// </summary>
public static class GraderSession
{
    public const string Argument = "--exercisekit-session";

    public const string EndMarker = "##exercisekit: run ended";

    private static bool active;
    private static bool firstRunWaits;
    private static readonly List<AssemblyDependencyResolver> Resolvers = [];

    internal static bool IsActive => active;

    /// <summary>True once, for the session's first run: it warms up and waits to hear that its learner assembly is final.</summary>
    internal static bool TakeFirstRunWait()
    {
        var wait = firstRunWaits;
        firstRunWaits = false;
        return wait;
    }

    /// <summary>
    /// The entry point's session loop. <paramref name="runOnce"/> runs xunit's console runner on an assembly (null: the
    /// entry assembly) with the given arguments and returns its exit code.
    /// </summary>
    public static int Run(string[] args, Func<Assembly?, string[], int> runOnce)
    {
        (active, firstRunWaits) = (true, true);
        var exitCode = runOnce(null, [.. args.Where(a => a != Argument)]);
        while (true)
        {
            Console.Out.WriteLine($"{EndMarker} {exitCode}");
            Console.Out.Flush();
            if (Console.In.ReadLine() is not { Length: > 0 } line)
            {
                return 0;
            }
            var command = JsonSerializer.Deserialize<RunCommand>(line) ?? throw new InvalidOperationException("empty run command");
            SubjectProcess.Restart(command.Subject);
            SubjectProcess.Prestart();
            exitCode = runOnce(Load(command.Assembly), [.. command.Arguments]);
        }
    }

    /// <summary>A later exercise's grader, with its own dependencies resolved from its folder.</summary>
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

    /// <summary>One later run of a session: the grader assembly, xunit's arguments and the command line of its subject.</summary>
    public sealed record RunCommand(string Assembly, IReadOnlyList<string> Arguments, IReadOnlyList<string>? Subject);
}
