using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace ExerciseKit.Compiler;

/// <summary>
/// Loads analyzer and generator assemblies into the load context this compiler lives in (the host's, beside the
/// SDK's Roslyn), and their own dependencies from the folders they came from.
/// </summary>
internal sealed class AnalyzerLoader : IAnalyzerAssemblyLoader
{
    private readonly ConcurrentDictionary<string, string> bySimpleName = new(StringComparer.OrdinalIgnoreCase);
    private readonly AssemblyLoadContext context = AssemblyLoadContext.GetLoadContext(typeof(AnalyzerLoader).Assembly)!;

    public AnalyzerLoader() =>
        context.Resolving += (_, name) => bySimpleName.TryGetValue(name.Name ?? "", out var path) ? Load(path) : null;

    public void AddDependencyLocation(string fullPath) => bySimpleName.TryAdd(Path.GetFileNameWithoutExtension(fullPath), fullPath);

    public Assembly LoadFromPath(string fullPath) => Load(fullPath);

    private Assembly Load(string path)
    {
        var name = AssemblyName.GetAssemblyName(path).Name;
        return context.Assemblies.FirstOrDefault(a => a.GetName().Name == name) ?? context.LoadFromAssemblyPath(path);
    }
}
