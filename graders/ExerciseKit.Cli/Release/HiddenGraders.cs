using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ExerciseKit.Cli.Release;

/// <summary>Removes the hidden graders — test methods marked <c>[Graded(…, Hidden = true)]</c> — from a grader source file.</summary>
internal static class HiddenGraders
{
    /// <returns>The file without its hidden tests, and how many were removed.</returns>
    public static (string Text, int Removed) Strip(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source).GetRoot();
        var hidden = root.DescendantNodes().OfType<MethodDeclarationSyntax>().Where(IsHidden).ToList();
        if (hidden.Count == 0)
        {
            return (source, 0);
        }
        var stripped = root.RemoveNodes(hidden, SyntaxRemoveOptions.KeepNoTrivia)!;
        return (stripped.ToFullString(), hidden.Count);
    }

    private static bool IsHidden(MethodDeclarationSyntax method) =>
        method
            .AttributeLists.SelectMany(list => list.Attributes)
            .Where(attribute => attribute.Name.ToString() is "Graded" or "GradedAttribute" or "ExerciseKit.Grading.Graded")
            .SelectMany(attribute => attribute.ArgumentList?.Arguments ?? [])
            .Any(argument =>
                argument.NameEquals?.Name.Identifier.Text == "Hidden" && argument.Expression.IsKind(SyntaxKind.TrueLiteralExpression)
            );
}
