using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExerciseKit.Analyzers.Rules;

/// <summary>
/// For EK1002: whether exp(−x) can never see a large positive argument, because x is bounded below (abs, relu,
/// a clamp with a lower bound, a mask or where that keeps only x ≥ c) or because the exp only counts where a branch
/// on the sign of x holds (a where, an if, a ?:, a switch arm, or an early return for x &lt; c). Expressions are
/// matched by their text, so the guard must name the same x as the exponent.
/// </summary>
internal static class ExponentGuards
{
    // e^709 is the largest power of e a double holds: a lower bound of −709 or more keeps exp(−x) finite.
    private const double LowestSafeBound = -709;

    /// <summary>Whether exp(−x), the call <paramref name="exp"/>, is safe for the <paramref name="x"/> it negates.</summary>
    public static bool IsProtected(IOperation exp, IOperation x) => IsBoundedBelow(x) || IsInsideSignGuard(exp, Key(x));

    /// <summary>Whether the value is never below a safe constant.</summary>
    private static bool IsBoundedBelow(IOperation value)
    {
        value = Unwrap(value);
        if (value.ConstantValue.HasValue)
        {
            return IsSafeBound(value);
        }

        switch (value)
        {
            case ILocalReferenceOperation local:
                return SingleDefinition(local) is { } definition && IsBoundedBelow(definition);
            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } indexed } indexer:
                return Flatten(indexer.Arguments).Any(index => Implies(index, Key(indexed), whenTrue: true));
            case IInvocationOperation call:
                return CallIsBoundedBelow(call);
            default:
                return false;
        }
    }

    private static bool CallIsBoundedBelow(IInvocationOperation call)
    {
        switch (call.TargetMethod.Name)
        {
            case "abs" or "abs_" or "relu" or "relu_" or "exp" or "sigmoid" or "softplus" or "zeros_like" or "ones_like":
                return true;
            case "clamp" or "clamp_" or "clamp_min" or "clamp_min_" or "clip" or "clip_":
                return call.Arguments.Any(a =>
                    a.Parameter?.Name == "min" && a.ArgumentKind == ArgumentKind.Explicit && IsSafeBound(Unwrap(a.Value))
                );
            case "masked_select" or "index" when call.Subject() is { } input:
                return Flatten(call.Arguments).Any(mask => mask != input && Implies(mask, Key(input), whenTrue: true));
            case "where" when WhereParts(call) is var (condition, whenTrue, whenFalse) && condition is not null:
                return BranchIsBoundedBelow(whenTrue!, condition, whenTrue: true)
                    && BranchIsBoundedBelow(whenFalse!, condition, whenTrue: false);
            default:
                return false;
        }
    }

    // where(z >= 0, z, 0): the branch z is only taken where the condition bounds it.
    private static bool BranchIsBoundedBelow(IOperation branch, IOperation condition, bool whenTrue) =>
        IsBoundedBelow(branch) || Implies(condition, Key(branch), whenTrue);

    /// <summary>Whether an enclosing branch is only taken where the value keyed <paramref name="key"/> is ≥ a safe bound.</summary>
    private static bool IsInsideSignGuard(IOperation exp, string key)
    {
        var child = exp;
        for (var parent = exp.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            var guarded = parent switch
            {
                IArgumentOperation argument when argument.Parent is IInvocationOperation { TargetMethod.Name: "where" } where =>
                    GuardsWhereBranch(where, argument.Value, key),
                IInvocationOperation { TargetMethod.Name: "where" } where when where.Instance == child => GuardsWhereBranch(
                    where,
                    child,
                    key
                ),
                IConditionalOperation conditional when child == conditional.WhenTrue => Implies(conditional.Condition, key, true),
                IConditionalOperation conditional when child == conditional.WhenFalse => Implies(conditional.Condition, key, false),
                ISwitchExpressionArmOperation arm when child == arm.Value => ArmBoundsValue(arm, key),
                IBlockOperation block => AnEarlierStatementReturnsBelowTheBound(block, child, key),
                _ => false,
            };
            if (guarded)
            {
                return true;
            }
        }

        return false;
    }

    private static bool GuardsWhereBranch(IInvocationOperation where, IOperation branch, string key)
    {
        var (condition, whenTrue, whenFalse) = WhereParts(where);
        return condition is not null
            && (
                branch == whenTrue && Implies(condition, key, whenTrue: true)
                || branch == whenFalse && Implies(condition, key, whenTrue: false)
            );
    }

    // torch.where(condition, x, y) and x.where(condition, y) both mean "condition ? x : y".
    private static (IOperation? Condition, IOperation? WhenTrue, IOperation? WhenFalse) WhereParts(IInvocationOperation where) =>
        where switch
        {
            { Instance: { } x, Arguments.Length: 2 } => (where.Arguments[0].Value, x, where.Arguments[1].Value),
            { Instance: null, Arguments.Length: 3 } => (where.Arguments[0].Value, where.Arguments[1].Value, where.Arguments[2].Value),
            _ => (null, null, null),
        };

    private static bool ArmBoundsValue(ISwitchExpressionArmOperation arm, string key) =>
        arm.Parent is ISwitchExpressionOperation switchExpression
        && Key(switchExpression.Value) == key
        && arm.Pattern
            is IRelationalPatternOperation
            {
                OperatorKind: BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.GreaterThan,
                Value: var bound
            }
        && IsSafeBound(Unwrap(bound));

    // if (z < 0) { return …; } before the statement that holds the exp.
    private static bool AnEarlierStatementReturnsBelowTheBound(IBlockOperation block, IOperation statement, string key)
    {
        foreach (var earlier in block.Operations.TakeWhile(o => o != statement))
        {
            if (
                earlier is IConditionalOperation { WhenFalse: null } guard
                && AlwaysLeaves(guard.WhenTrue)
                && Implies(guard.Condition, key, false)
            )
            {
                return true;
            }
        }

        return false;
    }

    private static bool AlwaysLeaves(IOperation branch) =>
        branch switch
        {
            IReturnOperation or IThrowOperation => true,
            IExpressionStatementOperation { Operation: IThrowOperation } => true,
            IBlockOperation { Operations.Length: > 0 } block => AlwaysLeaves(block.Operations[block.Operations.Length - 1]),
            _ => false,
        };

    /// <summary>
    /// Whether <paramref name="condition"/> being <paramref name="whenTrue"/> means the value keyed <paramref name="key"/>
    /// is at least a safe bound.
    /// </summary>
    private static bool Implies(IOperation condition, string key, bool whenTrue)
    {
        condition = Unwrap(condition);
        switch (condition)
        {
            case ILocalReferenceOperation local:
                return SingleDefinition(local) is { } definition && Implies(definition, key, whenTrue);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not or UnaryOperatorKind.BitwiseNegation } negation:
                return Implies(negation.Operand, key, !whenTrue);
            case IBinaryOperation comparison:
                return Compares(comparison.OperatorKind, comparison.LeftOperand, comparison.RightOperand, key, whenTrue);
            case IInvocationOperation { TargetMethod.Name: "item" or "ToBoolean", Instance: { } tensor }:
                return Implies(tensor, key, whenTrue);
            case IInvocationOperation { TargetMethod.Name: "logical_not" or "bitwise_not" } not when not.Subject() is { } operand:
                return Implies(operand, key, !whenTrue);
            case IInvocationOperation call when call.Subject() is { } left && call.Arguments.LastOrDefault()?.Value is { } right:
                return Comparison(call.TargetMethod.Name) is { } kind && Compares(kind, left, right, key, whenTrue);
            default:
                return false;
        }
    }

    private static BinaryOperatorKind? Comparison(string method) =>
        method switch
        {
            "ge" or "greater_equal" => BinaryOperatorKind.GreaterThanOrEqual,
            "gt" or "greater" => BinaryOperatorKind.GreaterThan,
            "le" or "less_equal" => BinaryOperatorKind.LessThanOrEqual,
            "lt" or "less" => BinaryOperatorKind.LessThan,
            _ => null,
        };

    // "x >= c" guards the true side; "x < c" guards the false side; "c <= x" and "c > x" likewise.
    private static bool Compares(BinaryOperatorKind kind, IOperation left, IOperation right, string key, bool whenTrue)
    {
        var (subject, bound, boundsFromBelow) = kind switch
        {
            BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.GreaterThan when Key(left) == key => (left, right, true),
            BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual when Key(left) == key => (left, right, false),
            BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.LessThan when Key(right) == key => (right, left, true),
            BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual when Key(right) == key => (right, left, false),
            _ => (null, null, false),
        };
        return subject is not null && boundsFromBelow == whenTrue && IsSafeBound(Unwrap(bound!));
    }

    private static bool IsSafeBound(IOperation bound) =>
        bound.ConstantValue is { HasValue: true, Value: var value }
        && value is IConvertible number
        && !(value is string or bool)
        && number.ToDouble(null) >= LowestSafeBound;

    // An indexer's or a call's arguments, a params array's elements taken one by one: z[mask] passes new[] { mask }.
    private static IEnumerable<IOperation> Flatten(IEnumerable<IArgumentOperation> arguments) =>
        arguments.SelectMany(a =>
            a.Value is IArrayCreationOperation { Initializer: { } elements } ? elements.ElementValues.AsEnumerable() : [a.Value]
        );

    /// <summary>The value a local is given, when it is given exactly one (its initializer, never reassigned).</summary>
    private static IOperation? SingleDefinition(ILocalReferenceOperation reference)
    {
        IOperation body = reference;
        while (body.Parent is not null)
        {
            body = body.Parent;
        }

        IOperation? initializer = null;
        foreach (var operation in body.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local):
                    initializer = declarator.Initializer?.Value;
                    break;
                case IAssignmentOperation { Target: ILocalReferenceOperation target }
                    when SymbolEqualityComparer.Default.Equals(target.Local, reference.Local):
                    return null;
            }
        }

        return initializer;
    }

    /// <summary>The text that names a value, without conversions, parentheses, white space or a scalar read such as item&lt;double&gt;().</summary>
    private static string Key(IOperation value)
    {
        value = Unwrap(value);
        while (value is IInvocationOperation { TargetMethod.Name: "item" or "ToDouble" or "ToSingle" or "ToScalar", Instance: { } scalar })
        {
            value = Unwrap(scalar);
        }

        var syntax = value.Syntax;
        while (syntax is ParenthesizedExpressionSyntax parenthesized)
        {
            syntax = parenthesized.Expression;
        }

        return new string(syntax.ToString().Where(c => !char.IsWhiteSpace(c)).ToArray());
    }

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }
}
