namespace ExerciseKit.Analyzers.Rules;

/// <summary>
/// For EK4002: follows a Process value through every local it reaches in one operation block — a variable, an
/// assignment to another local, a pattern variable (<c>is { } p</c>, <c>is Process p</c>, a switch case) — and tells
/// whether one of those names releases it (Dispose, DisposeAsync, <c>?.Dispose()</c>, <c>using</c>, or handing it on
/// to a return, a call or a property) and otherwise which field it was stored in.
/// </summary>
internal static class ProcessAliases
{
    public readonly struct Fate(bool released, IFieldSymbol? field)
    {
        public bool Released { get; } = released;

        public IFieldSymbol? Field { get; } = field;
    }

    public static Fate Follow(IOperation value, IReadOnlyList<IOperation> block, INamedTypeSymbol process)
    {
        var pending = new Queue<IOperation>();
        pending.Enqueue(value);
        var followed = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        IFieldSymbol? field = null;

        void Alias(ILocalSymbol local)
        {
            if (!followed.Add(local))
            {
                return;
            }

            foreach (var reference in block.OfType<ILocalReferenceOperation>())
            {
                if (!reference.IsDeclaration && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    pending.Enqueue(reference);
                }
            }
        }

        while (pending.Count > 0)
        {
            var (current, parent) = ClimbToUse(pending.Dequeue());
            switch (parent)
            {
                case IUsingOperation or IReturnOperation or IArgumentOperation:
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation } assignment when assignment.Value == current:
                case IInvocationOperation { TargetMethod.Name: "Dispose" or "DisposeAsync" } call when call.Instance == current:
                case IConditionalAccessOperation
                {
                    WhenNotNull: IInvocationOperation { TargetMethod.Name: "Dispose" or "DisposeAsync" }
                } access when access.Operation == current:
                    return new Fate(released: true, field: null);
                case ISimpleAssignmentOperation { Target: IFieldReferenceOperation target } assignment when assignment.Value == current:
                    field ??= target.Field;
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == current:
                    Alias(target.Local);
                    break;
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    if (IsUsingDeclaration(declarator))
                    {
                        return new Fate(released: true, field: null);
                    }

                    Alias(declarator.Symbol);
                    break;
                case IIsPatternOperation test when test.Value == current:
                    PatternVariables(test.Pattern, process).ToList().ForEach(Alias);
                    break;
                case ISwitchOperation choice when choice.Value == current:
                    choice.Cases.SelectMany(c => c.Clauses).SelectMany(c => PatternVariables(c, process)).ToList().ForEach(Alias);
                    break;
            }
        }

        return new Fate(released: false, field);
    }

    // Up through conversions, parentheses and `?? throw …` to the operation that uses the value.
    private static (IOperation Value, IOperation? User) ClimbToUse(IOperation value)
    {
        var current = value;
        var parent = value.Parent;
        while (
            parent is IConversionOperation or IParenthesizedOperation or IObjectOrCollectionInitializerOperation
            || parent is ICoalesceOperation coalesce && coalesce.Value == current
        )
        {
            current = parent;
            parent = parent.Parent;
        }

        return (current, parent);
    }

    private static IEnumerable<ILocalSymbol> PatternVariables(IOperation pattern, INamedTypeSymbol process) =>
        pattern
            .SelfAndDescendants()
            .Select(p =>
                p switch
                {
                    IDeclarationPatternOperation declaration => declaration.DeclaredSymbol,
                    IRecursivePatternOperation recursive => recursive.DeclaredSymbol,
                    _ => null,
                }
            )
            .OfType<ILocalSymbol>()
            .Where(local => KnownTypes.Inherits(local.Type, process));

    // declarator → declaration → declaration group → using declaration (or using statement).
    private static bool IsUsingDeclaration(IVariableDeclaratorOperation declarator)
    {
        var current = declarator.Parent;
        for (var level = 0; level < 3 && current is not null; level++, current = current.Parent)
        {
            if (current is IUsingDeclarationOperation or IUsingOperation)
            {
                return true;
            }
        }

        return false;
    }
}
