using Microsoft.CodeAnalysis.CodeActions;

namespace ExerciseKit.Analyzers.CodeFixes;

/// <summary>
/// What every fix of the kit shares: find the <typeparamref name="TNode"/> a diagnostic points at and, when this
/// occurrence can be fixed, offer one action that replaces one node of the document with another.
/// </summary>
public abstract class NodeReplacingCodeFixProvider<TNode> : CodeFixProvider
    where TNode : SyntaxNode
{
    /// <summary>The action's title in the IDE's light-bulb menu.</summary>
    protected abstract string Title { get; }

    /// <summary>The node to replace and its replacement, or null when this occurrence cannot be fixed.</summary>
    protected abstract (SyntaxNode Old, SyntaxNode New)? Fix(TNode node, Diagnostic diagnostic);

    /// <summary>The innermost <typeparamref name="TNode"/> around the diagnostic's span.</summary>
    protected virtual TNode? Find(SyntaxNode root, Diagnostic diagnostic) =>
        root.FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<TNode>().FirstOrDefault();

    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Find(root, diagnostic) is not { } node || Fix(node, diagnostic) is not var (old, replacement))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    Title,
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(old, replacement))),
                    GetType().Name
                ),
                diagnostic
            );
        }
    }
}
