namespace ExerciseKit.Analyzers.CodeFixes;

/// <summary>
/// EK1002 (sigmoid form): rewrites 1 / (1 + exp(−z)) so that exp only ever sees −|z|:
/// where(z &gt;= 0, 1 / (1 + exp(−|z|)), exp(−|z|) / (1 + exp(−|z|))).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StableSigmoidCodeFixProvider)), Shared]
public sealed class StableSigmoidCodeFixProvider : NodeReplacingCodeFixProvider<InvocationExpressionSyntax>
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.EK1002_OverflowProneForm.Id);

    protected override string Title => "Use the stable sigmoid form";

    protected override (SyntaxNode Old, SyntaxNode New)? Fix(InvocationExpressionSyntax exp, Diagnostic diagnostic)
    {
        var division = exp.Ancestors().OfType<BinaryExpressionSyntax>().FirstOrDefault(b => b.IsKind(SyntaxKind.DivideExpression));
        if (
            division is null
            || exp.ArgumentList.Arguments.FirstOrDefault()?.Expression is not PrefixUnaryExpressionSyntax negated
            || !negated.IsKind(SyntaxKind.UnaryMinusExpression)
        )
        {
            return null;
        }

        var z = negated.Operand.WithoutTrivia().ToString();
        var expCall = exp.Expression.WithoutTrivia().ToString();
        var stable = SyntaxFactory.ParseExpression(
            $"where({z} >= 0, 1 / (1 + {expCall}(-({z}).abs())), {expCall}(-({z}).abs()) / (1 + {expCall}(-({z}).abs())))"
        );
        return (division, stable.WithTriviaFrom(division));
    }
}
