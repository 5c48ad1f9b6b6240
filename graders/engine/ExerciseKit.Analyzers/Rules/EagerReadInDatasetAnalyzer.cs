namespace ExerciseKit.Analyzers.Rules;

/// <summary>
/// EK2001: a torch Dataset that opens, reads or decodes files in its constructor or its Count getter. Listing
/// file names there is fine; reading their contents is GetTensor's job. A read inside a lambda the constructor only keeps
/// for later (a Lazy not read at once, a delegate stored in a field or property) is not eager.
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
                if (where is not null && Reads(method, types) && !IsDeferred(operation.Operation))
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

    // A read inside a lambda that the constructor only keeps for later: new Lazy<T>(() => …) not read at once, or a
    // delegate stored in a field or property. A lambda run now (Select(…).ToArray(), Task.Run, a local Func) is eager.
    private static bool IsDeferred(IOperation read)
    {
        var function = read.Parent;
        while (function is not null and not IAnonymousFunctionOperation)
        {
            function = function.Parent;
        }

        var (kept, user) = (function?.Parent as IDelegateCreationOperation, function?.Parent?.Parent);
        while (user is IConversionOperation)
        {
            user = user.Parent;
        }

        return kept is not null
            && user switch
            {
                IArgumentOperation { Parent: IObjectCreationOperation lazy } => lazy.Type
                    is { Name: "Lazy", ContainingNamespace.Name: "System" }
                    && lazy.Parent?.SkipConversionsUp() is not IPropertyReferenceOperation { Property.Name: "Value" },
                ISimpleAssignmentOperation { Target: IFieldReferenceOperation or IPropertyReferenceOperation } => true,
                _ => false,
            };
    }

    // Anything that hands back a Stream, System.IO.File's readers, and image decoders (StbImageSharp's ImageResult.From…).
    internal static bool Reads(IMethodSymbol method, KnownTypes types) =>
        KnownTypes.Inherits(method.ReturnType, types.Stream)
        || (SymbolEqualityComparer.Default.Equals(method.ContainingType, types.File) && FileReads.Contains(method.Name))
        || (method.ContainingType?.Name == "ImageResult" && method.Name.StartsWith("From", StringComparison.Ordinal));
}
