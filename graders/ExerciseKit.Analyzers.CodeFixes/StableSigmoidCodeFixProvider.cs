using System.Collections.Immutable;
using System.Composition;
using ExerciseKit.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExerciseKit.Analyzers.CodeFixes;

/// <summary>
/// EK1002 (sigmoid form): rewrites 1 / (1 + exp(−z)) so that exp only ever sees −|z|:
/// where(z &gt;= 0, 1 / (1 + exp(−|z|)), exp(−|z|) / (1 + exp(−|z|))).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StableSigmoidCodeFixProvider)), Shared]
public sealed class StableSigmoidCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.EK1002_OverflowProneForm.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var exp = root
                ?.FindNode(diagnostic.Location.SourceSpan)
                .AncestorsAndSelf()
                .OfType<InvocationExpressionSyntax>()
                .FirstOrDefault();
            var division = exp?.Ancestors().OfType<BinaryExpressionSyntax>().FirstOrDefault(b => b.IsKind(SyntaxKind.DivideExpression));
            var negated = exp?.ArgumentList.Arguments.FirstOrDefault()?.Expression as PrefixUnaryExpressionSyntax;
            if (division is null || negated is null || !negated.IsKind(SyntaxKind.UnaryMinusExpression))
            {
                continue;
            }

            var z = negated.Operand.WithoutTrivia().ToString();
            var expCall = exp!.Expression.WithoutTrivia().ToString();
            var stable = SyntaxFactory.ParseExpression(
                $"where({z} >= 0, 1 / (1 + {expCall}(-({z}).abs())), {expCall}(-({z}).abs()) / (1 + {expCall}(-({z}).abs())))"
            );
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use the stable sigmoid form",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root!.ReplaceNode(division, stable.WithTriviaFrom(division)))),
                    nameof(StableSigmoidCodeFixProvider)
                ),
                diagnostic
            );
        }
    }
}
