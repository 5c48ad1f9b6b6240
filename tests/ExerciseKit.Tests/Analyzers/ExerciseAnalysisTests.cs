using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace ExerciseKit.Tests.Analyzers;

/// <summary>
/// Every analyzer over every exercise, compiled in memory the way its project builds it: silent on the reference
/// solutions, and on the stubs only the to-do reminder (which proves the analyzers do run on that code).
/// </summary>
public sealed class ExerciseAnalysisTests
{
    [Theory, MemberData(nameof(Kit.ExerciseIds), MemberType = typeof(Kit))]
    public async Task No_rule_fires_on_the_reference_solution(string id)
    {
        var diagnostics = await AnalyseAsync(id, Path.Combine(Kit.Layout.Root, "solutions", id));

        Assert.True(diagnostics.Count == 0, "On the solution of " + id + ":\n" + string.Join("\n", diagnostics));
    }

    [Theory, MemberData(nameof(Kit.ExerciseIds), MemberType = typeof(Kit))]
    public async Task The_stub_gets_only_to_do_reminders_one_per_editable_file_at_least(string id)
    {
        var diagnostics = await AnalyseAsync(id, swapFolder: null);

        Assert.All(diagnostics, d => Assert.Equal("EK0001", d.Id));
        var files = diagnostics.Select(d => Path.GetFileName(d.Location.SourceTree!.FilePath)).ToHashSet();
        Assert.Equal(Kit.Exercise(id).Editable.Order(), files.Order());
    }

    private static async Task<List<Diagnostic>> AnalyseAsync(string id, string? swapFolder)
    {
        var exerciseFolder = Path.Combine(Kit.Layout.Root, "exercises", id);
        var trees = Directory
            .GetFiles(exerciseFolder, "*.cs")
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var swapped = swapFolder is null ? null : Path.Combine(swapFolder, Path.GetFileName(path));
                var source = swapped is not null && File.Exists(swapped) ? swapped : path;
                return Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(File.ReadAllText(source), path: Path.GetFileName(path));
            })
            .Prepend(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(ImplicitUsings, path: "GlobalUsings.g.cs"))
            .ToList();
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            id,
            trees,
            AnalyzerHarness.References,
            new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
        );
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "Does not compile in memory:\n" + string.Join("\n", errors));

        var project = File.ReadAllText(Directory.GetFiles(exerciseFolder, "*.csproj").Single());
        var properties = new Dictionary<string, string>();
        foreach (Match property in Regex.Matches(project, @"<(ExerciseKit\w+)>(\w+)</\1>"))
        {
            properties[property.Groups[1].Value] = property.Groups[2].Value;
        }
        properties["ExerciseKitEditableFiles"] = string.Join(",", Kit.Exercise(id).Editable); // as exercises/Directory.Build.targets sets it

        var found = new List<Diagnostic>();
        foreach (var analyzer in RuleCatalogTests.AllAnalyzers)
        {
            found.AddRange((await AnalyzerHarness.DiagnoseCompilationAsync(analyzer, compilation, properties)).Where(d => !d.IsSuppressed));
        }

        return found;
    }

    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;
}
