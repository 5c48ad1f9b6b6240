namespace ExerciseKit.Analyzers;

/// <summary>The library types the rules look for, resolved once per compilation (null when not referenced).</summary>
public sealed class KnownTypes(Compilation compilation)
{
    public INamedTypeSymbol? Tensor { get; } = compilation.GetTypeByMetadataName("TorchSharp.torch+Tensor");
    public INamedTypeSymbol? Module { get; } = compilation.GetTypeByMetadataName("TorchSharp.torch+nn+Module");
    public INamedTypeSymbol? Dataset { get; } = compilation.GetTypeByMetadataName("TorchSharp.torch+utils+data+Dataset`1");
    public INamedTypeSymbol? Autograd { get; } = compilation.GetTypeByMetadataName("TorchSharp.torch+autograd");
    public INamedTypeSymbol? Process { get; } = compilation.GetTypeByMetadataName("System.Diagnostics.Process");
    public INamedTypeSymbol? Stream { get; } = compilation.GetTypeByMetadataName("System.IO.Stream");
    public INamedTypeSymbol? File { get; } = compilation.GetTypeByMetadataName("System.IO.File");
    public INamedTypeSymbol? Directory { get; } = compilation.GetTypeByMetadataName("System.IO.Directory");
    public INamedTypeSymbol? DirectoryInfo { get; } = compilation.GetTypeByMetadataName("System.IO.DirectoryInfo");
    public INamedTypeSymbol? Thread { get; } = compilation.GetTypeByMetadataName("System.Threading.Thread");
    public INamedTypeSymbol? Task { get; } = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
    public INamedTypeSymbol? Channel { get; } = compilation.GetTypeByMetadataName("System.Threading.Channels.Channel");
    public INamedTypeSymbol? BlockingCollection { get; } =
        compilation.GetTypeByMetadataName("System.Collections.Concurrent.BlockingCollection`1");

    public bool IsTensor(ITypeSymbol? type) => Inherits(type, Tensor);

    public bool IsModule(ITypeSymbol? type) => Inherits(type, Module);

    public bool IsDataset(ITypeSymbol? type) => Inherits(type, Dataset);

    /// <summary>True when <paramref name="type"/> is <paramref name="ancestor"/> (or a construction of it) or derives from it.</summary>
    public static bool Inherits(ITypeSymbol? type, INamedTypeSymbol? ancestor)
    {
        if (ancestor is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, ancestor))
            {
                return true;
            }
        }

        return false;
    }
}
