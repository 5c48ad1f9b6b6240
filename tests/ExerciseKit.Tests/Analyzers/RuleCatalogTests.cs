using System.Reflection;
using ExerciseKit.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace ExerciseKit.Tests.Analyzers;

/// <summary>Every rule is documented, tracked for release, tested, and has one analyzer.</summary>
public sealed class RuleCatalogTests
{
    private static readonly string AnalyzerFolder = Path.Combine(Kit.Layout.Engine, "ExerciseKit.Analyzers");

    public static IReadOnlyList<DiagnosticDescriptor> Rules { get; } =
    [
        .. typeof(Descriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetValue(null))
            .OfType<DiagnosticDescriptor>(),
    ];

    public static IReadOnlyList<DiagnosticAnalyzer> AllAnalyzers { get; } =
    [
        .. typeof(Descriptors)
            .Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!),
    ];

    public static TheoryData<string> RuleIds => [.. Rules.Select(r => r.Id)];

    [Theory, MemberData(nameof(RuleIds))]
    public void Each_rule_has_a_doc_page_its_help_link_points_to(string id)
    {
        var rule = Rules.Single(r => r.Id == id);
        Assert.Equal(Descriptors.HelpBase + id + ".md", rule.HelpLinkUri);
        var page = Path.Combine(AnalyzerFolder, "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), $"{page} is missing");
        var text = File.ReadAllText(page);
        Assert.StartsWith($"# {id}:", text);
        Assert.Contains("## Before", text);
        Assert.Contains("## After", text);
    }

    [Theory, MemberData(nameof(RuleIds))]
    public void Each_rule_is_reported_by_exactly_one_analyzer_that_has_a_test_class(string id)
    {
        var analyzer = Assert.Single(AllAnalyzers, a => a.SupportedDiagnostics.Any(d => d.Id == id));
        var testClass = typeof(RuleCatalogTests).Assembly.GetType($"{typeof(RuleCatalogTests).Namespace}.{analyzer.GetType().Name}Tests");
        Assert.True(testClass is not null, $"{analyzer.GetType().Name} has no test class {analyzer.GetType().Name}Tests");
    }

    [Theory, MemberData(nameof(RuleIds))]
    public void Each_rule_is_tracked_in_the_release_files(string id)
    {
        var rule = Rules.Single(r => r.Id == id);
        var tracked = File.ReadAllLines(Path.Combine(AnalyzerFolder, "AnalyzerReleases.Unshipped.md"))
            .Concat(File.ReadAllLines(Path.Combine(AnalyzerFolder, "AnalyzerReleases.Shipped.md")));
        Assert.Contains(tracked, line => line.StartsWith($"{id} | {rule.Category} | {rule.DefaultSeverity} |", StringComparison.Ordinal));
    }

    [Fact]
    public void Rule_ids_are_unique_and_follow_the_EK_scheme()
    {
        Assert.Equal(Rules.Count, Rules.Select(r => r.Id).Distinct().Count());
        Assert.All(Rules, r => Assert.Matches(@"^EK\d{4}$", r.Id));
    }
}
