namespace ExerciseKit.Analyzers;

internal static class OperationExtensions
{
    /// <summary>The nearest enclosing loop in the same function body (a lambda is a boundary), or null.</summary>
    public static ILoopOperation? EnclosingLoop(this IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case ILoopOperation loop:
                    return loop;
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return null;
            }
        }

        return null;
    }

    /// <summary>Whether the innermost function around the operation (lambda, local function or member) is async.</summary>
    public static bool IsInAsyncCode(this IOperation operation, ISymbol containingSymbol)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda:
                    return lambda.Symbol.IsAsync;
                case ILocalFunctionOperation local:
                    return local.Symbol.IsAsync;
            }
        }

        return containingSymbol is IMethodSymbol { IsAsync: true };
    }

    /// <summary>The operation with implicit conversions and parentheses stripped.</summary>
    public static IOperation WithoutConversions(this IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }

    /// <summary>This operation, or its first ancestor that is not a conversion or parentheses.</summary>
    public static IOperation? SkipConversionsUp(this IOperation operation)
    {
        IOperation? current = operation;
        while (current is IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        return current;
    }

    /// <summary>The first argument of a static call or the receiver of an instance call: torch.exp(x) and x.exp() alike.</summary>
    public static IOperation? Subject(this IInvocationOperation invocation) =>
        invocation.Instance ?? (invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);

    /// <summary>The method, lambda or local function whose code this symbol is part of, lambdas resolved to their owner.</summary>
    public static ISymbol? OwningMember(this ISymbol? symbol)
    {
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            symbol = symbol.ContainingSymbol;
        }

        return symbol;
    }

    public static bool IsForwardOfModule(this ISymbol? member, KnownTypes types) =>
        member is IMethodSymbol { Name: "forward", IsOverride: true } method && types.IsModule(method.ContainingType);

    /// <summary>All operations below (and including) the root, depth first.</summary>
    public static IEnumerable<IOperation> SelfAndDescendants(this IOperation root)
    {
        yield return root;
        foreach (var descendant in root.Descendants())
        {
            yield return descendant;
        }
    }
}
