using System.Collections.Immutable;
using System.Composition;
using ExerciseKit.Analyzers;
using ExerciseKit.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExerciseKit.Analyzers.CodeFixes;

/// <summary>EK3002 (missing call): appends RegisterComponents(); as the constructor's last statement.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RegisterComponentsCodeFixProvider)), Shared]
public sealed class RegisterComponentsCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(Descriptors.EK3002_RegisterComponentsMissingOrEarly.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics.Where(d => d.Properties.ContainsKey(RegisterComponentsAnalyzer.Missing)))
        {
            var ctor = root
                ?.FindToken(diagnostic.Location.SourceSpan.Start)
                .Parent?.AncestorsAndSelf()
                .OfType<ConstructorDeclarationSyntax>()
                .FirstOrDefault();
            if (ctor?.Body is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Call RegisterComponents() at the end of the constructor",
                    _ =>
                    {
                        var call = SyntaxFactory
                            .ParseStatement("RegisterComponents();")
                            .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
                        var newRoot = root!.ReplaceNode(ctor.Body, ctor.Body.AddStatements(call));
                        return Task.FromResult(context.Document.WithSyntaxRoot(newRoot));
                    },
                    nameof(RegisterComponentsCodeFixProvider)
                ),
                diagnostic
            );
        }
    }
}
