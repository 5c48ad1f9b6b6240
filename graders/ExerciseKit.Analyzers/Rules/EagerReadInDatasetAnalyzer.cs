using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ExerciseKit.Analyzers.Rules;

/// <summary>
/// EK2001: a torch Dataset that opens, reads or decodes files in its constructor or its Count getter. Listing
/// file names there is fine; reading their contents is GetTensor's job.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EagerReadInDatasetAnalyzer : KitAnalyzer
{
    private static readonly ImmutableHashSet<string> FileReads = ImmutableHashSet.Create(
        "OpenRead",
        "Open",
        "ReadAllBytes",
        "ReadAllText",
        "ReadAllLines",
        "ReadLines",
        "ReadAllBytesAsync",
        "ReadAllTextAsync",
        "OpenText"
    );

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.EK2001_EagerReadInDataset);

    protected override void Register(CompilationStartAnalysisContext start, KnownTypes types)
    {
        if (types.Dataset is null)
        {
            return;
        }

        start.RegisterOperationAction(
            operation =>
            {
                var where = operation.ContainingSymbol.OwningMember() switch
                {
                    IMethodSymbol { MethodKind: MethodKind.Constructor } ctor when types.IsDataset(ctor.ContainingType) =>
                        "the constructor",
                    IMethodSymbol { MethodKind: MethodKind.PropertyGet, AssociatedSymbol.Name: "Count" } getter
                        when types.IsDataset(getter.ContainingType) => "Count",
                    _ => null,
                };
                var method = ((IInvocationOperation)operation.Operation).TargetMethod;
                if (where is not null && Reads(method, types))
                {
                    operation.ReportDiagnostic(
                        Diagnostic.Create(
                            Descriptors.EK2001_EagerReadInDataset,
                            operation.Operation.Syntax.GetLocation(),
                            method.Name,
                            where
                        )
                    );
                }
            },
            OperationKind.Invocation
        );
    }

    // Anything that hands back a Stream, System.IO.File's readers, and image decoders (StbImageSharp's ImageResult.From…).
    internal static bool Reads(IMethodSymbol method, KnownTypes types) =>
        KnownTypes.Inherits(method.ReturnType, types.Stream)
        || (SymbolEqualityComparer.Default.Equals(method.ContainingType, types.File) && FileReads.Contains(method.Name))
        || (method.ContainingType?.Name == "ImageResult" && method.Name.StartsWith("From", StringComparison.Ordinal));
}
