using ExerciseKit.Analyzers.Rules;

namespace ExerciseKit.Analyzers.CodeFixes;

/// <summary>EK3002 (missing call): appends RegisterComponents(); as the constructor's last statement.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RegisterComponentsCodeFixProvider)), Shared]
public sealed class RegisterComponentsCodeFixProvider : NodeReplacingCodeFixProvider<ConstructorDeclarationSyntax>
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(Descriptors.EK3002_RegisterComponentsMissingOrEarly.Id);

    protected override string Title => "Call RegisterComponents() at the end of the constructor";

    /// <summary>The diagnostic sits on the constructor's name, whose node is a token rather than a syntax node.</summary>
    protected override ConstructorDeclarationSyntax? Find(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindToken(diagnostic.Location.SourceSpan.Start)
            .Parent?.AncestorsAndSelf()
            .OfType<ConstructorDeclarationSyntax>()
            .FirstOrDefault();

    protected override (SyntaxNode Old, SyntaxNode New)? Fix(ConstructorDeclarationSyntax ctor, Diagnostic diagnostic)
    {
        // The same rule also reports a call made too early, which this fix does not move.
        if (!diagnostic.Properties.ContainsKey(RegisterComponentsAnalyzer.Missing) || ctor.Body is null)
        {
            return null;
        }

        var call = SyntaxFactory.ParseStatement("RegisterComponents();").WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
        return (ctor.Body, ctor.Body.AddStatements(call));
    }
}
