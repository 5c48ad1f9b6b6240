namespace ExerciseKit.Analyzers.CodeFixes;

/// <summary>EK4002: turns "var p = Process.Start(…);" into "using var p = Process.Start(…);".</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ProcessNotDisposedCodeFixProvider)), Shared]
public sealed class ProcessNotDisposedCodeFixProvider : NodeReplacingCodeFixProvider<LocalDeclarationStatementSyntax>
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.EK4002_ProcessNotDisposed.Id);

    protected override string Title => "Dispose the process with 'using'";

    protected override (SyntaxNode Old, SyntaxNode New)? Fix(LocalDeclarationStatementSyntax declaration, Diagnostic diagnostic) =>
        declaration.UsingKeyword != default
            ? null
            : (
                declaration,
                declaration
                    .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                    .WithLeadingTrivia(declaration.GetLeadingTrivia())
                    .WithDeclaration(declaration.Declaration.WithoutLeadingTrivia())
            );
}
