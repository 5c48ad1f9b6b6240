namespace ExerciseKit.Analyzers.Rules;

/// <summary>
/// EK2002: a directory listing (Directory/DirectoryInfo Get…/Enumerate…, or a method named List…Files) whose
/// order is used without being sorted. Sorting, or a use that ignores order (a dictionary, a count, a lookup),
/// anywhere along the value's way through the method is enough; so is a loop over the listing that only fills
/// collections which are sorted afterwards or sorted by their type (see <see cref="CollectingLoop"/>).
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
        "Contains",
        "ContainsKey",
        "ContainsValue",
        "TryGetValue",
        "Remove"
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

    internal enum Use
    {
        Neutral,
        Sorted,
        SortedInPlace,
        OrderDependent,
    }

    // Every use must be sorted first or not care about order; one order-dependent use of the raw listing is reported.
    private static bool ReachesOrderingUse(IOperation listing, IReadOnlyList<IOperation> block) =>
        Classify(listing, block) != Use.OrderDependent;

    internal static Use Classify(IOperation value, IReadOnlyList<IOperation> block)
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
            IPropertyReferenceOperation { Property.Name: "Keys" or "Values" } view => Classify(view, block),
            IPropertyReferenceOperation { Property.IsIndexer: true } lookup when IsLookupByKey(lookup) => Use.Neutral,
            IObjectCreationOperation copy when CollectingLoop.IsSortedCollection(copy.Type) => Use.Sorted,
            IObjectCreationOperation { Type.Name: "HashSet" } => Use.Neutral,
            IObjectCreationOperation copy when IsCollection(copy.Type) => Classify(copy, block),
            IForEachLoopOperation loop => CollectingLoop.Classify(loop, block),
            IArrayElementReferenceOperation
            or IPropertyReferenceOperation { Property.IsIndexer: true } when LoopOverIndices(parent) is { } loop => CollectingLoop.Classify(
                loop,
                block
            ),
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => Combine(
                References(declarator.Symbol, null, block),
                block
            ),
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } => Combine(References(local.Local, local, block), block),
            _ => Use.OrderDependent,
        };
    }

    private static bool IsCollection(ITypeSymbol? type) =>
        type?.AllInterfaces.Any(i => i.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T) == true;

    // files[i] inside `for (var i = …)`: the loop walks the listing, and is judged like a foreach over it.
    private static ILoopOperation? LoopOverIndices(IOperation access)
    {
        var indices = access switch
        {
            IArrayElementReferenceOperation element => element.Indices,
            IPropertyReferenceOperation indexer => indexer.Arguments.Select(a => a.Value).ToImmutableArray(),
            _ => ImmutableArray<IOperation>.Empty,
        };
        return
            access.EnclosingLoop() is IForLoopOperation loop
            && indices.Length == 1
            && indices[0].WithoutConversions() is ILocalReferenceOperation index
            && loop.Locals.Contains(index.Local, SymbolEqualityComparer.Default)
            ? loop
            : null;
    }

    // byName[stem] looks an entry up; files[i] reads a position.
    private static bool IsLookupByKey(IPropertyReferenceOperation indexer) =>
        indexer.Arguments.Any(a => a.Value.Type?.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64))
        && indexer.Arguments.All(a => a.Value.Type?.Name != "Index");

    /// <summary>References to a local or field in the block, apart from <paramref name="except"/> and declarations.</summary>
    internal static IEnumerable<IOperation> References(ISymbol symbol, IOperation? except, IReadOnlyList<IOperation> block) =>
        block.Where(o =>
            o != except
            && o switch
            {
                ILocalReferenceOperation local => !local.IsDeclaration && SymbolEqualityComparer.Default.Equals(local.Local, symbol),
                IFieldReferenceOperation field => SymbolEqualityComparer.Default.Equals(field.Field, symbol),
                _ => false,
            }
        );

    internal static Use Combine(IEnumerable<IOperation> references, IReadOnlyList<IOperation> block)
    {
        var uses = references.Select(r => Classify(r, block)).ToList();
        return uses.Contains(Use.SortedInPlace) ? Use.Sorted
            : uses.Contains(Use.OrderDependent) ? Use.OrderDependent
            : uses.Contains(Use.Sorted) ? Use.Sorted
            : Use.Neutral;
    }
}
