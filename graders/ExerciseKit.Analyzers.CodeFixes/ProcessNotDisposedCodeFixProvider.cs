using System.Collections.Immutable;
using System.Composition;
using ExerciseKit.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExerciseKit.Analyzers.CodeFixes;

/// <summary>EK4002: turns "var p = Process.Start(…);" into "using var p = Process.Start(…);".</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ProcessNotDisposedCodeFixProvider)), Shared]
public sealed class ProcessNotDisposedCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.EK4002_ProcessNotDisposed.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var declaration = root
                ?.FindNode(diagnostic.Location.SourceSpan)
                .AncestorsAndSelf()
                .OfType<LocalDeclarationStatementSyntax>()
                .FirstOrDefault();
            if (declaration is null || declaration.UsingKeyword != default)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Dispose the process with 'using'",
                    _ =>
                    {
                        var withUsing = declaration
                            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                            .WithLeadingTrivia(declaration.GetLeadingTrivia())
                            .WithDeclaration(declaration.Declaration.WithoutLeadingTrivia());
                        return Task.FromResult(context.Document.WithSyntaxRoot(root!.ReplaceNode(declaration, withUsing)));
                    },
                    nameof(ProcessNotDisposedCodeFixProvider)
                ),
                diagnostic
            );
        }
    }
}
