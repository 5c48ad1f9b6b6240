namespace ExerciseKit.Analyzers.CodeFixes;

/// <summary>EK4004: Channel.CreateUnbounded&lt;T&gt;() becomes Channel.CreateBounded&lt;T&gt;(Capacity), a starting point to tune.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnboundedQueueCodeFixProvider)), Shared]
public sealed class UnboundedQueueCodeFixProvider : NodeReplacingCodeFixProvider<InvocationExpressionSyntax>
{
    public const int Capacity = 16;

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.EK4004_UnboundedQueue.Id);

    protected override string Title => $"Bound the channel (capacity {Capacity})";

    protected override (SyntaxNode Old, SyntaxNode New)? Fix(InvocationExpressionSyntax call, Diagnostic diagnostic)
    {
        if (
            call.Expression
            is not MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.ValueText: "CreateUnbounded" } name } access
        )
        {
            return null;
        }

        var capacity = SyntaxFactory.Argument(
            SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(Capacity))
        );
        return (
            call,
            call.WithExpression(access.WithName(name.WithIdentifier(SyntaxFactory.Identifier("CreateBounded"))))
                .WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(capacity)))
        );
    }
}
