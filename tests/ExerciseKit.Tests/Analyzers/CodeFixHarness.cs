using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace ExerciseKit.Tests.Analyzers;

/// <summary>Runs an analyzer on a source, applies the first fix offered for its first diagnostic, returns the new source.</summary>
internal static class CodeFixHarness
{
    private const string Usings =
        "using System; using System.Diagnostics; using System.Threading.Channels; using TorchSharp; using static TorchSharp.torch; using static TorchSharp.torch.nn;\n";

    public static async Task VerifyAsync(DiagnosticAnalyzer analyzer, CodeFixProvider fix, string before, string after)
    {
        using var workspace = new AdhocWorkspace();
        var document = workspace
            .AddProject("Fix", LanguageNames.CSharp)
            .WithCompilationOptions(new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .WithMetadataReferences(AnalyzerHarness.References)
            .AddDocument("Code.cs", SourceText.From(Usings + before));

        var compilation = (await document.Project.GetCompilationAsync())!;
        var diagnostic = (await compilation.WithAnalyzers([analyzer]).GetAnalyzerDiagnosticsAsync()).First(d =>
            fix.FixableDiagnosticIds.Contains(d.Id)
        );

        var actions = new List<CodeAction>();
        await fix.RegisterCodeFixesAsync(
            new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None)
        );
        Assert.NotEmpty(actions);

        var operations = await actions[0].GetOperationsAsync(CancellationToken.None);
        var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
        var text = (await changed.GetTextAsync()).ToString()[Usings.Length..];
        Assert.Equal(Normalise(after), Normalise(text));

        var fixedCompilation = AnalyzerHarness.Compile(Usings + text);
        var remaining = await fixedCompilation.WithAnalyzers([analyzer]).GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(remaining, d => d.Id == diagnostic.Id);
    }

    private static string Normalise(string code) =>
        string.Join(" ", code.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
