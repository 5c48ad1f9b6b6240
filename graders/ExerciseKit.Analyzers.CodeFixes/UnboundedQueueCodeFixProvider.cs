using System.Collections.Immutable;
using System.Composition;
using ExerciseKit.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExerciseKit.Analyzers.CodeFixes;

/// <summary>EK4004: Channel.CreateUnbounded&lt;T&gt;() becomes Channel.CreateBounded&lt;T&gt;(Capacity), a starting point to tune.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnboundedQueueCodeFixProvider)), Shared]
public sealed class UnboundedQueueCodeFixProvider : CodeFixProvider
{
    public const int Capacity = 16;

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Descriptors.EK4004_UnboundedQueue.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            var call = root
                ?.FindNode(diagnostic.Location.SourceSpan)
                .AncestorsAndSelf()
                .OfType<InvocationExpressionSyntax>()
                .FirstOrDefault();
            if (
                call?.Expression
                is not MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.ValueText: "CreateUnbounded" } name } access
            )
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Bound the channel (capacity {Capacity})",
                    _ =>
                    {
                        var bounded = call.WithExpression(access.WithName(name.WithIdentifier(SyntaxFactory.Identifier("CreateBounded"))))
                            .WithArgumentList(
                                SyntaxFactory.ArgumentList(
                                    SyntaxFactory.SingletonSeparatedList(
                                        SyntaxFactory.Argument(
                                            SyntaxFactory.LiteralExpression(
                                                SyntaxKind.NumericLiteralExpression,
                                                SyntaxFactory.Literal(Capacity)
                                            )
                                        )
                                    )
                                )
                            );
                        return Task.FromResult(context.Document.WithSyntaxRoot(root!.ReplaceNode(call, bounded)));
                    },
                    nameof(UnboundedQueueCodeFixProvider)
                ),
                diagnostic
            );
        }
    }
}
