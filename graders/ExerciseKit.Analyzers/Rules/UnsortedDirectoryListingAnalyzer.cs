using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace ExerciseKit.Analyzers.Rules;

/// <summary>
/// EK2002: a directory listing (Directory/DirectoryInfo Get…/Enumerate…, or a method named List…Files) whose
/// order is used without being sorted. Sorting, or a use that ignores order (a dictionary, a count, a lookup),
/// anywhere along the value's way through the method is enough.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnsortedDirectoryListingAnalyzer : KitAnalyzer
{
    private static readonly ImmutableHashSet<string> Sorts = ImmutableHashSet.Create(
        "Order",
        "OrderBy",
        "OrderDescending",
        "OrderByDescending"
    );

    private static readonly ImmutableHashSet<string> OrderInsensitive = ImmutableHashSet.Create(
        "ToDictionary",
        "ToHashSet",
        "ToLookup",
        "ToImmutableDictionary",
        "ToFrozenDictionary",
        "Count",
        "LongCount",
        "Any",
        "All",
        "Contains"
    );

    private static readonly ImmutableHashSet<string> OrderPreserving = ImmutableHashSet.Create(
        "ToList",
        "ToArray",
        "AsEnumerable",
        "Where",
        "Select",
        "Cast",
        "ToImmutableArray"
    );

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.EK2002_UnsortedDirectoryListing);

    protected override void Register(CompilationStartAnalysisContext start, KnownTypes types)
    {
        start.RegisterOperationBlockAction(block =>
        {
            var operations = block.OperationBlocks.SelectMany(b => b.SelfAndDescendants()).ToList();
            foreach (var listing in operations.OfType<IInvocationOperation>().Where(i => IsListing(i.TargetMethod, types)))
            {
                if (!ReachesOrderingUse(listing, operations))
                {
                    block.ReportDiagnostic(
                        Diagnostic.Create(
                            Descriptors.EK2002_UnsortedDirectoryListing,
                            listing.Syntax.GetLocation(),
                            listing.TargetMethod.Name
                        )
                    );
                }
            }
        });
    }

    private static bool IsListing(IMethodSymbol method, KnownTypes types)
    {
        var owner = method.ContainingType;
        var onDirectory =
            SymbolEqualityComparer.Default.Equals(owner, types.Directory)
            || SymbolEqualityComparer.Default.Equals(owner, types.DirectoryInfo);
        return (
                onDirectory
                && (
                    method.Name.StartsWith("Get", StringComparison.Ordinal) || method.Name.StartsWith("Enumerate", StringComparison.Ordinal)
                )
                && method.Name.EndsWith("s", StringComparison.Ordinal)
                && method.Name != "GetLogicalDrives"
            ) || (method.Name.StartsWith("List", StringComparison.Ordinal) && method.Name.EndsWith("Files", StringComparison.Ordinal));
    }

    private enum Use
    {
        Neutral,
        Sorted,
        SortedInPlace,
        OrderDependent,
    }

    // Every use must be sorted first or not care about order; one order-dependent use of the raw listing is reported.
    private static bool ReachesOrderingUse(IOperation listing, IReadOnlyList<IOperation> block) =>
        Classify(listing, block) != Use.OrderDependent;

    private static Use Classify(IOperation value, IReadOnlyList<IOperation> block)
    {
        var parent = value.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation or IArgumentOperation)
        {
            parent = parent.Parent;
        }

        return parent switch
        {
            IInvocationOperation call when Sorts.Contains(call.TargetMethod.Name) => Use.Sorted,
            IInvocationOperation { TargetMethod.Name: "Sort" } => Use.SortedInPlace, // list.Sort() or Array.Sort(array)
            IInvocationOperation call when OrderInsensitive.Contains(call.TargetMethod.Name) => Use.Neutral,
            IInvocationOperation call when OrderPreserving.Contains(call.TargetMethod.Name) => Classify(call, block),
            IPropertyReferenceOperation { Property.Name: "Count" or "Length" } => Use.Neutral,
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => Combine(
                References(declarator.Symbol, null, block),
                block
            ),
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } => Combine(References(local.Local, local, block), block),
            _ => Use.OrderDependent,
        };
    }

    private static IEnumerable<IOperation> References(ILocalSymbol local, IOperation? except, IReadOnlyList<IOperation> block) =>
        block
            .OfType<ILocalReferenceOperation>()
            .Where(r => r != except && SymbolEqualityComparer.Default.Equals(r.Local, local) && !r.IsDeclaration);

    private static Use Combine(IEnumerable<IOperation> references, IReadOnlyList<IOperation> block)
    {
        var uses = references.Select(r => Classify(r, block)).ToList();
        return uses.Contains(Use.SortedInPlace) ? Use.Sorted
            : uses.Contains(Use.OrderDependent) ? Use.OrderDependent
            : uses.Contains(Use.Sorted) ? Use.Sorted
            : Use.Neutral;
    }
}
