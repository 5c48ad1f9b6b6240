using System.Xml.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace ExerciseKit.Tests;

/// <summary>
/// The references the layout promises never to have (graders/README.md and graders/engine/README.md say why), read
/// from the project files themselves, so a new reference that breaks a rule fails here rather than in a review.
/// </summary>
public sealed class DependencyRulesTests
{
    private static readonly string Engine = Kit.Layout.Engine;

    [Fact]
    public void Analyzers_do_not_reference_Workspaces_or_any_other_kit_project()
    {
        var analyzers = Project("ExerciseKit.Analyzers");

        Assert.DoesNotContain(analyzers.Packages, p => p.Contains("Workspaces", StringComparison.Ordinal));
        Assert.Empty(analyzers.Projects);
    }

    [Fact]
    public void An_exercise_project_takes_only_the_analyzers_and_their_code_fixes_and_only_as_analyzers()
    {
        var files = Directory
            .GetFiles(Kit.Layout.Exercises, "*.csproj", SearchOption.AllDirectories)
            .Append(Path.Combine(Kit.Layout.Exercises, "Directory.Build.props"))
            .Append(Path.Combine(Kit.Layout.Exercises, "Directory.Build.targets"))
            .Where(File.Exists);

        foreach (var reference in files.SelectMany(ProjectReferences))
        {
            Assert.True(
                reference.Name is "ExerciseKit.Analyzers" or "ExerciseKit.Analyzers.CodeFixes",
                $"{reference.From} references {reference.Name}: an exercise never depends on graders, solutions or the engine's code."
            );
            Assert.True(
                reference.Element.Attribute("OutputItemType")?.Value == "Analyzer"
                    && reference.Element.Attribute("ReferenceOutputAssembly")?.Value == "false",
                $"{reference.From} references {reference.Name} as a library; the learner's code may load it only as an analyzer."
            );
        }
    }

    /// <summary>
    /// The judge never loads the learner's code: a grader project references the grading libraries, and its subject
    /// project only to have it built (not as a library), never its exercise.
    /// </summary>
    [Fact]
    public void Exercise_graders_reference_only_the_grading_libraries_and_never_their_exercise()
    {
        var references = Kit
            .Catalog.Exercises.SelectMany(e => Directory.GetFiles(Path.Combine(Kit.Layout.Graders, e.Id), "*.csproj"))
            .SelectMany(ProjectReferences)
            .Concat(SharedReferences("IsExerciseGrader"))
            .ToList();

        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            var subjectBuildOnly =
                reference.Include.StartsWith("Subject/", StringComparison.Ordinal)
                && reference.Element.Attribute("ReferenceOutputAssembly")?.Value == "false";
            Assert.True(
                reference.Name is "ExerciseKit.Grading" or "ExerciseKit.Grading.Torch" || subjectBuildOnly,
                $"{reference.From} references {reference.Include}: a grader reaches the learner's code only through its subject, and never the CLI, the host or its reports."
            );
        }
    }

    /// <summary>The subject loads the learner's code and the wire, nothing of the judge: no expected value or verdict lives there.</summary>
    [Fact]
    public void Subjects_reference_only_their_exercise_and_the_wire()
    {
        var references = Kit
            .Catalog.Exercises.SelectMany(e => Directory.GetFiles(Path.Combine(Kit.Layout.Graders, e.Id, "Subject"), "*.csproj"))
            .SelectMany(ProjectReferences)
            .Concat(SharedReferences("IsExerciseSubject"))
            .ToList();

        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            Assert.True(
                reference.Name is "ExerciseKit.Boundary"
                    || reference.Include.Contains("exercises/$(ExerciseSlug)/", StringComparison.Ordinal),
                $"{reference.From} references {reference.Include}: a subject takes only its exercise and ExerciseKit.Boundary."
            );
        }
    }

    /// <summary>graders/Directory.Build.targets' references for one kind of project (an ItemGroup conditioned on <paramref name="kind"/>).</summary>
    private static IEnumerable<Reference> SharedReferences(string kind) =>
        ProjectReferences(Path.Combine(Kit.Layout.Graders, "Directory.Build.targets"))
            .Where(r =>
                r.Element.Parent?.Attribute("Condition")?.Value.Contains($"'$({kind})' == 'true'", StringComparison.Ordinal) == true
            );

    [Theory]
    [InlineData("ExerciseKit.Boundary", new string[0])]
    [InlineData("ExerciseKit.Grading", new[] { "ExerciseKit.Boundary" })]
    [InlineData("ExerciseKit.Grading.Torch", new[] { "ExerciseKit.Grading" })]
    [InlineData("ExerciseKit.Analyzers.CodeFixes", new[] { "ExerciseKit.Analyzers" })]
    [InlineData("ExerciseKit.Host", new[] { "ExerciseKit.Grading" })]
    [InlineData("ExerciseKit.Cli", new[] { "ExerciseKit.Host" })]
    public void Each_engine_project_references_only_what_its_README_allows(string project, string[] allowed)
    {
        Assert.All(
            Project(project).Projects,
            name =>
                Assert.True(
                    allowed.Contains(name),
                    $"{project} references {name}; graders/engine/README.md allows {(allowed.Length == 0 ? "no kit project" : string.Join(", ", allowed))}."
                )
        );
    }

    /// <summary>
    /// Report writers turn a finished grade into a format; they know nothing of how it was made. Names are read from
    /// the source, so a using directive, a qualified name and a plain type name all count.
    /// </summary>
    [Fact]
    public void Report_writers_use_no_compilation_and_no_process_internals()
    {
        string[] forbidden =
        [
            "Microsoft.CodeAnalysis",
            "System.Diagnostics.Process",
            "ProcessRunner",
            "ProcessStartInfo",
            "Process",
            "GraderRun",
            "GraderBuild",
            "QuickCompile",
            "CompilePlan",
            "CompilerServer",
            "Sandbox",
            "SharedGraderProcess",
            "TestWatchdog",
        ];
        var reports = new[] { Path.Combine(Engine, "ExerciseKit.Cli", "Reports"), Path.Combine(Engine, "ExerciseKit.Host", "Reports") }
            .SelectMany(folder => Directory.GetFiles(folder, "*.cs"))
            .ToList();

        Assert.NotEmpty(reports);
        foreach (var file in reports)
        {
            var root = CSharpSyntaxTree
                .ParseText(File.ReadAllText(file), cancellationToken: TestContext.Current.CancellationToken)
                .GetRoot(TestContext.Current.CancellationToken);
            var names = root.DescendantNodes()
                .OfType<UsingDirectiveSyntax>()
                .Select(u => u.Name?.ToString() ?? "")
                .Concat(root.DescendantNodes().OfType<SimpleNameSyntax>().Select(n => n.Identifier.ValueText));
            var used = names
                .Where(name => forbidden.Any(f => name == f || name.StartsWith(f + ".", StringComparison.Ordinal)))
                .Distinct()
                .ToList();
            Assert.True(used.Count == 0, $"{Path.GetFileName(file)} uses {string.Join(", ", used)}.");
        }
    }

    private static (IReadOnlyList<string> Projects, IReadOnlyList<string> Packages) Project(string name)
    {
        var file = Path.Combine(Engine, name, name + ".csproj");
        var document = XDocument.Load(file);
        return (
            ProjectReferences(file).Select(r => r.Name).ToList(),
            document.Descendants("PackageReference").Select(p => p.Attribute("Include")?.Value ?? "").ToList()
        );
    }

    private sealed record Reference(string From, string Include, string Name, XElement Element);

    /// <summary>Each project a file references; an Include may list several, separated by semicolons.</summary>
    private static IEnumerable<Reference> ProjectReferences(string file) =>
        XDocument
            .Load(file)
            .Descendants("ProjectReference")
            .SelectMany(element =>
                (element.Attribute("Include")?.Value ?? "")
                    .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(include => new Reference(
                        Path.GetRelativePath(Kit.Layout.Root, file),
                        include,
                        Path.GetFileNameWithoutExtension(include.Replace('\\', '/').Split('/')[^1]),
                        element
                    ))
            );
}
