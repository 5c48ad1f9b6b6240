using System.Reflection;
using System.Runtime.Loader;

namespace ExerciseKit.Host;

/// <summary>
/// For a long-lived host (`watch`): compiles in this process with the SDK's own compiler assemblies (the ones csc
/// runs), so a save costs neither a csc client process nor the trip to the compiler server, and references and
/// analyzers stay loaded between saves. ExerciseKit.Compiler and the SDK's Microsoft.CodeAnalysis live in a load
/// context of their own, beside the kit's Roslyn 4.8; a change of analyzer files starts a new one. Returns null
/// whenever it cannot compile as csc would, and the caller runs csc.
/// </summary>
public sealed class InProcessCompiler
{
    private const string CompilerAssembly = "ExerciseKit.Compiler";
    private const int Unsupported = -1; // ExerciseKit.Compiler.InProcessCsc.Unsupported

    private readonly Lock gate = new();
    private (string Key, Func<string[], string, TextWriter, int> Run)? loaded;

    /// <returns>csc's exit code and output, or null when csc must run instead.</returns>
    public (int ExitCode, string Output)? TryCompile(CompilePlan plan, IReadOnlyList<string> arguments)
    {
        var roslyn = Path.GetDirectoryName(Path.GetFullPath(plan.Compiler))!;
        if (!File.Exists(Path.Combine(roslyn, "Microsoft.CodeAnalysis.CSharp.dll")))
        {
            return null;
        }

        lock (gate)
        {
            try
            {
                var run = Load(roslyn, arguments);
                using var output = new StringWriter();
                var exitCode = run([.. arguments], plan.ProjectDirectory, output);
                return exitCode == Unsupported ? null : (exitCode, output.ToString());
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                loaded = null; // a compiler that failed once is not trusted again: the next save starts a new one
                return null;
            }
        }
    }

    private Func<string[], string, TextWriter, int> Load(string roslyn, IReadOnlyList<string> arguments)
    {
        var key = roslyn + "\n" + string.Join("\n", AnalyzerFiles(arguments).Select(f => f + "@" + File.GetLastWriteTimeUtc(f).Ticks));
        if (loaded is { } current && current.Key == key)
        {
            return current.Run;
        }

        var context = new CompilerContext(roslyn, Path.GetDirectoryName(typeof(InProcessCompiler).Assembly.Location)!);
        var method = context
            .LoadFromAssemblyName(new AssemblyName(CompilerAssembly))
            .GetType("ExerciseKit.Compiler.InProcessCsc", throwOnError: true)!
            .GetMethod("Run", BindingFlags.Public | BindingFlags.Static)!;
        var run = method.CreateDelegate<Func<string[], string, TextWriter, int>>();
        loaded = (key, run);
        return run;
    }

    private static IEnumerable<string> AnalyzerFiles(IReadOnlyList<string> arguments) =>
        arguments
            .Where(a => a.StartsWith("/analyzer:", StringComparison.OrdinalIgnoreCase))
            .Select(a => a["/analyzer:".Length..].Trim('"'))
            .Where(File.Exists);

    /// <summary>The SDK's compiler assemblies and ExerciseKit.Compiler; everything else from the host's context.</summary>
    private sealed class CompilerContext(string roslyn, string kit) : AssemblyLoadContext($"exercisekit-compiler {roslyn}")
    {
        protected override Assembly? Load(AssemblyName name)
        {
            var folder = name.Name switch
            {
                CompilerAssembly => kit,
                "Microsoft.CodeAnalysis" or "Microsoft.CodeAnalysis.CSharp" => roslyn,
                _ => null,
            };
            return folder is null ? null : LoadFromAssemblyPath(Path.Combine(folder, name.Name + ".dll"));
        }
    }
}
