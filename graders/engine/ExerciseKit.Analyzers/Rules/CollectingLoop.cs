using Use = ExerciseKit.Analyzers.Rules.UnsortedDirectoryListingAnalyzer.Use;

namespace ExerciseKit.Analyzers.Rules;

/// <summary>
/// For EK2002: a loop over a listing (foreach, or for over its indices) whose order cannot show. It may fill
/// collections declared outside it (Add, TryAdd, Insert, Enqueue, Push, an indexer or array element set) when each
/// one is sorted by its type (SortedDictionary, SortedSet, SortedList) or only used sorted or by key afterwards; it
/// may count, sum and throw. It must not return, yield, break or keep "the last file" in a variable.
/// </summary>
internal static class CollectingLoop
{
    private static readonly HashSet<string> Insertions = ["Add", "TryAdd", "Insert", "Enqueue", "Push", "AddRange", "AddFirst", "AddLast"];

    public static bool IsSortedCollection(ITypeSymbol? type) =>
        type is not null
        && (type.Name.StartsWith("Sorted", StringComparison.Ordinal) || type.Name.StartsWith("ImmutableSorted", StringComparison.Ordinal));

    public static Use Classify(ILoopOperation loop, IReadOnlyList<IOperation> block)
    {
        var targets = new List<ISymbol>();
        foreach (var operation in OwnCode(loop.Body))
        {
            switch (operation)
            {
                case IReturnOperation:
                case IBranchOperation { BranchKind: BranchKind.Break } exit
                    when SymbolEqualityComparer.Default.Equals(exit.Target, loop.ExitLabel):
                    return Use.OrderDependent; // the first match, or an iterator's order
                case IInvocationOperation call when Insertions.Contains(call.TargetMethod.Name) && call.Instance is { } collection:
                    if (!TryAddTarget(collection, loop, targets))
                    {
                        return Use.OrderDependent;
                    }

                    break;
                case ISimpleAssignmentOperation { Target: var target }:
                    var written = target switch
                    {
                        IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } collection } => collection,
                        IArrayElementReferenceOperation element => element.ArrayReference,
                        _ => target,
                    };
                    if (written == target ? IsOutside(target, loop) : !TryAddTarget(written, loop, targets))
                    {
                        return Use.OrderDependent; // last = file: which file that is depends on the order
                    }

                    break;
            }
        }

        var uses = targets.Distinct(SymbolEqualityComparer.Default).Select(t => UseAfterwards(t!, loop, block)).ToList();
        return uses.Contains(Use.OrderDependent) ? Use.OrderDependent
            : uses.Contains(Use.Sorted) ? Use.Sorted
            : Use.Neutral;
    }

    // The loop body, without the bodies of lambdas and local functions declared in it.
    private static IEnumerable<IOperation> OwnCode(IOperation operation)
    {
        yield return operation;
        if (operation is IAnonymousFunctionOperation or ILocalFunctionOperation)
        {
            yield break;
        }

        foreach (var descendant in operation.ChildOperations.SelectMany(OwnCode))
        {
            yield return descendant;
        }
    }

    // Filling a local or field declared outside the loop is judged afterwards; a parameter's caller cannot be seen.
    private static bool TryAddTarget(IOperation collection, ILoopOperation loop, List<ISymbol> targets)
    {
        var symbol = collection.WithoutConversions() switch
        {
            ILocalReferenceOperation local => (ISymbol)local.Local,
            IFieldReferenceOperation field => field.Field,
            _ => null,
        };
        if (symbol is null)
        {
            return false;
        }

        if (symbol is ILocalSymbol && !IsDeclaredOutside(symbol, loop))
        {
            return true; // a collection made anew in each step
        }

        targets.Add(symbol);
        return true;
    }

    private static bool IsOutside(IOperation target, ILoopOperation loop) =>
        target.WithoutConversions() switch
        {
            ILocalReferenceOperation local => IsDeclaredOutside(local.Local, loop),
            IFieldReferenceOperation or IPropertyReferenceOperation or IParameterReferenceOperation => true,
            _ => false,
        };

    private static bool IsDeclaredOutside(ISymbol local, ILoopOperation loop) =>
        !local.DeclaringSyntaxReferences.Any(r => loop.Syntax.Span.Contains(r.Span));

    // How a filled collection is used outside the loop. A field's other members cannot be seen: it must be sorted here.
    private static Use UseAfterwards(ISymbol target, ILoopOperation loop, IReadOnlyList<IOperation> block)
    {
        if (IsSortedCollection(TypeOf(target)) || IsSortedCollection(InitialValueType(target, block)))
        {
            return Use.Sorted;
        }

        var outside = UnsortedDirectoryListingAnalyzer
            .References(target, null, block)
            .Where(r => !loop.Syntax.Span.Contains(r.Syntax.Span))
            .Where(r => r.Parent is not ISimpleAssignmentOperation assignment || assignment.Target != r);
        var use = UnsortedDirectoryListingAnalyzer.Combine(outside, block);
        return target is IFieldSymbol && use != Use.Sorted ? Use.OrderDependent : use;
    }

    private static ITypeSymbol? TypeOf(ISymbol symbol) =>
        symbol switch
        {
            ILocalSymbol local => local.Type,
            IFieldSymbol field => field.Type,
            _ => null,
        };

    private static ITypeSymbol? InitialValueType(ISymbol local, IReadOnlyList<IOperation> block) =>
        block
            .OfType<IVariableDeclaratorOperation>()
            .FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local))
            ?.Initializer?.Value.WithoutConversions()
            .Type;
}
