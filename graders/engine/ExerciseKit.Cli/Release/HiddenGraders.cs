using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExerciseKit.Cli.Release;

/// <summary>
/// Removes the hidden graders — test methods marked <c>[Graded(…, Hidden = true)]</c> — from a grader project's
/// source files, then every helper that only they used: a private method, an input built for them, a whole helper
/// class would otherwise tell students what the hidden graders check.
/// </summary>
internal static class HiddenGraders
{
    /// <param name="Files">Per file, its text without them; null for a file left with nothing in it.</param>
    /// <param name="Graders">The hidden graders removed.</param>
    /// <param name="Helpers">The members and types removed because nothing else used them any more.</param>
    public sealed record Stripped(IReadOnlyDictionary<string, string?> Files, int Graders, int Helpers);

    /// <param name="files">A grader project's source files (each file's name and text).</param>
    public static Stripped Strip(IReadOnlyDictionary<string, string> files)
    {
        var roots = files.ToDictionary(f => f.Key, f => CSharpSyntaxTree.ParseText(f.Value, path: f.Key).GetRoot(), StringComparer.Ordinal);
        var graders = 0;
        foreach (var file in roots.Keys.ToList())
        {
            var hidden = roots[file].DescendantNodes().OfType<MethodDeclarationSyntax>().Where(IsHidden).ToList();
            graders += hidden.Count;
            roots[file] = roots[file].RemoveNodes(hidden, SyntaxRemoveOptions.KeepNoTrivia)!;
        }
        if (graders == 0)
        {
            return new Stripped(files.ToDictionary(f => f.Key, f => (string?)f.Value, StringComparer.Ordinal), 0, 0);
        }

        var helpers = 0;
        while (Unused(roots.Values) is { Count: > 0 } unused) // a helper's helpers become unused once it is gone
        {
            helpers += unused.Count;
            foreach (var file in roots.Keys.ToList())
            {
                roots[file] = roots[file]
                    .RemoveNodes(unused.Where(n => n.SyntaxTree == roots[file].SyntaxTree), SyntaxRemoveOptions.KeepNoTrivia)!;
            }
        }
        return new Stripped(
            roots.ToDictionary(r => r.Key, r => HoldsAnything(r.Value) ? r.Value.ToFullString() : null, StringComparer.Ordinal),
            graders,
            helpers
        );
    }

    private static bool IsHidden(MethodDeclarationSyntax method) =>
        method
            .AttributeLists.SelectMany(list => list.Attributes)
            .Where(attribute => attribute.Name.ToString() is "Graded" or "GradedAttribute" or "ExerciseKit.Grading.Graded")
            .SelectMany(attribute => attribute.ArgumentList?.Arguments ?? [])
            .Any(argument =>
                argument.NameEquals?.Name.Identifier.Text == "Hidden" && argument.Expression.IsKind(SyntaxKind.TrueLiteralExpression)
            );

    /// <summary>
    /// Declarations that could only be reached by name and whose name appears nowhere outside themselves — as an
    /// identifier or as a string (a member named in an attribute). Matching names, not symbols, keeps a helper whenever
    /// anything of that name is used: a leftover at worst, never a release that does not build.
    /// </summary>
    private static List<SyntaxNode> Unused(IEnumerable<SyntaxNode> roots)
    {
        var all = roots.ToList();
        var uses = all.SelectMany(root => root.DescendantNodes())
            .Select(node => (Name: UsedName(node), Node: node))
            .Where(use => use.Name is not null)
            .ToLookup(use => use.Name!, use => use.Node, StringComparer.Ordinal);
        var unused = all.SelectMany(root => root.DescendantNodes())
            .Where(IsHelper)
            .Where(declaration =>
                !NamesOf(declaration)
                    .SelectMany(name => uses[name])
                    .Any(use => use.SyntaxTree != declaration.SyntaxTree || !declaration.FullSpan.Contains(use.Span))
            )
            .ToList();
        // The outermost only: a type goes with its members.
        return
        [
            .. unused.Where(inner =>
                !unused.Any(outer => outer != inner && outer.SyntaxTree == inner.SyntaxTree && outer.FullSpan.Contains(inner.FullSpan))
            ),
        ];
    }

    private static string? UsedName(SyntaxNode node) =>
        node switch
        {
            SimpleNameSyntax name => name.Identifier.ValueText,
            LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => literal.Token.ValueText,
            _ => null,
        };

    /// <summary>
    /// What only code can call: members without attributes (no test, no fixture) that are not overrides or interface
    /// members — private or internal ones, and public static ones — and types that are not public (nor define operators,
    /// which are used without a name).
    /// </summary>
    private static bool IsHelper(SyntaxNode node) =>
        node switch
        {
            MethodDeclarationSyntax method => method.ExplicitInterfaceSpecifier is null && IsCallableOnly(method),
            PropertyDeclarationSyntax property => property.ExplicitInterfaceSpecifier is null && IsCallableOnly(property),
            FieldDeclarationSyntax field => field.Declaration.Variables.Count == 1 && IsCallableOnly(field),
            BaseTypeDeclarationSyntax type => type.AttributeLists.Count == 0
                && !Has(type.Modifiers, SyntaxKind.PublicKeyword)
                && !type.DescendantNodes().Any(n => n is OperatorDeclarationSyntax or ConversionOperatorDeclarationSyntax)
                && !type.Identifier.ValueText.EndsWith("Attribute", StringComparison.Ordinal),
            _ => false,
        };

    private static bool IsCallableOnly(MemberDeclarationSyntax member) =>
        member.AttributeLists.Count == 0
        && !Has(member.Modifiers, SyntaxKind.OverrideKeyword)
        && !Has(member.Modifiers, SyntaxKind.AbstractKeyword)
        && !Has(member.Modifiers, SyntaxKind.PartialKeyword)
        && (
            !Has(member.Modifiers, SyntaxKind.PublicKeyword)
            || Has(member.Modifiers, SyntaxKind.StaticKeyword)
            || Has(member.Modifiers, SyntaxKind.ConstKeyword)
        );

    private static bool Has(SyntaxTokenList modifiers, SyntaxKind kind) => modifiers.Any(m => m.IsKind(kind));

    /// <summary>
    /// A member's name; for a type, its members' names too: an extension method or a member brought in by
    /// <c>using static</c> is called without its type's name.
    /// </summary>
    private static IEnumerable<string> NamesOf(SyntaxNode declaration) =>
        declaration switch
        {
            MethodDeclarationSyntax method => [method.Identifier.ValueText],
            PropertyDeclarationSyntax property => [property.Identifier.ValueText],
            FieldDeclarationSyntax field => field.Declaration.Variables.Select(v => v.Identifier.ValueText),
            BaseTypeDeclarationSyntax type => type.DescendantNodes()
                .OfType<MemberDeclarationSyntax>()
                .SelectMany(NamesOf)
                .Prepend(type.Identifier.ValueText),
            EnumMemberDeclarationSyntax member => [member.Identifier.ValueText],
            _ => [],
        };

    /// <summary>A file that still declares a type or carries an assembly attribute.</summary>
    private static bool HoldsAnything(SyntaxNode root) =>
        root.DescendantNodes().Any(n => n is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax)
        || ((CompilationUnitSyntax)root).AttributeLists.Count > 0;
}
