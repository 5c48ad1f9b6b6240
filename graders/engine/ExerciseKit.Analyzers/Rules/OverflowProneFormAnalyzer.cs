namespace ExerciseKit.Analyzers.Rules;

/// <summary>
/// EK1002: the two textbook forms that overflow in floating point — a sigmoid written 1 / (1 + exp(−z)) (e^1000
/// is ∞) and the log of a probability, log(sigmoid(z)) or log(1 − sigmoid(z)) or log(softmax(z)) (log 0 is −∞).
/// exp(−|z|) is fine: its argument is never positive; so is exp(−z) where z is clamped from below or the sigmoid
/// only counts where z ≥ 0 (see <see cref="ExponentGuards"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OverflowProneFormAnalyzer : KitAnalyzer
{
    private static readonly ImmutableHashSet<string> Probabilities = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase,
        "sigmoid",
        "softmax"
    );

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.EK1002_OverflowProneForm);

    protected override void Register(CompilationStartAnalysisContext start, KnownTypes types)
    {
        if (types.Tensor is null)
        {
            return;
        }

        start.RegisterOperationAction(
            operation =>
            {
                var invocation = (IInvocationOperation)operation.Operation;
                if (!types.IsTensor(invocation.Type))
                {
                    return;
                }

                var form = invocation.TargetMethod.Name switch
                {
                    "exp" when IsSigmoidDenominator(invocation) && IsUnguardedNegation(invocation) => "1 / (1 + exp(−z))",
                    "log" when TakesLogOfProbability(invocation.Subject()) => "log of a sigmoid or softmax",
                    _ => null,
                };
                if (form is not null)
                {
                    operation.ReportDiagnostic(
                        Diagnostic.Create(Descriptors.EK1002_OverflowProneForm, invocation.Syntax.GetLocation(), form)
                    );
                }
            },
            OperationKind.Invocation
        );
    }

    // exp(…) directly inside "1 + exp(…)" (either order) that is itself the divisor of a division.
    private static bool IsSigmoidDenominator(IOperation exp)
    {
        var sum = Climb(exp);
        if (sum is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Add })
        {
            return false;
        }

        return Climb(sum) is IBinaryOperation { OperatorKind: BinaryOperatorKind.Divide } division
            && division.RightOperand.WithoutConversions() == sum;
    }

    // exp(−z) where nothing keeps z away from large negative values: no abs or clamp, no branch on its sign.
    private static bool IsUnguardedNegation(IInvocationOperation exp) =>
        exp.Subject()?.WithoutConversions() is IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus } negation
        && !ExponentGuards.IsProtected(exp, negation.Operand);

    private static bool TakesLogOfProbability(IOperation? argument) =>
        argument?.WithoutConversions() switch
        {
            IInvocationOperation call => Probabilities.Contains(call.TargetMethod.Name),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } difference => TakesLogOfProbability(difference.RightOperand),
            _ => false,
        };

    private static IOperation? Climb(IOperation operation)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation { IsImplicit: true } or IParenthesizedOperation or IArgumentOperation)
        {
            parent = parent.Parent;
        }

        return parent;
    }
}
