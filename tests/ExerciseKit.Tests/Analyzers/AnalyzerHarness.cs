using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace ExerciseKit.Tests.Analyzers;

/// <summary>
/// Compiles C# in memory against .NET 10 reference assemblies, TorchSharp and StbImageSharp, runs one analyzer and
/// compares its diagnostics with markup: <c>[|…|]</c> marks where the analyzer's diagnostic must be, <c>{|EK1234:…|}</c>
/// also names the rule. Unmarked code must produce nothing.
/// </summary>
internal static partial class AnalyzerHarness
{
    public static readonly ImmutableArray<MetadataReference> References =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(NuGetCache.File("torchsharp/0.107.0/lib/net8.0/TorchSharp.dll")),
        MetadataReference.CreateFromFile(NuGetCache.File("stbimagesharp/2.30.16/lib/net8.0/StbImageSharp.dll")),
    ];

    private const string Usings =
        "using System; using System.Collections.Generic; using System.IO; using System.Linq; using System.Threading; using System.Threading.Tasks; using TorchSharp; using static TorchSharp.torch;\n";

    public static async Task VerifyAsync(
        DiagnosticAnalyzer analyzer,
        string markup,
        IReadOnlyDictionary<string, string>? buildProperties = null
    )
    {
        var (source, expected) = Parse(Usings + markup, analyzer.SupportedDiagnostics[0].Id);
        var diagnostics = await DiagnoseAsync(analyzer, source, buildProperties);
        var actual = diagnostics.Select(d => (d.Id, d.Location.SourceSpan)).OrderBy(d => d.SourceSpan.Start).ToList();
        Assert.Equal(Describe(expected, source), Describe(actual, source));
    }

    public static async Task<ImmutableArray<Diagnostic>> DiagnoseAsync(
        DiagnosticAnalyzer analyzer,
        string source,
        IReadOnlyDictionary<string, string>? buildProperties = null
    )
    {
        return await DiagnoseCompilationAsync(analyzer, Compile(source), buildProperties);
    }

    public static async Task<ImmutableArray<Diagnostic>> DiagnoseCompilationAsync(
        DiagnosticAnalyzer analyzer,
        Compilation compilation,
        IReadOnlyDictionary<string, string>? buildProperties = null
    )
    {
        var options = new AnalyzerOptions([], new BuildProperties(buildProperties ?? new Dictionary<string, string>()));
        var diagnostics = await compilation.WithAnalyzers([analyzer], options).GetAnalyzerDiagnosticsAsync();
        return [.. diagnostics.Where(d => analyzer.SupportedDiagnostics.Any(s => s.Id == d.Id))];
    }

    public static CSharpCompilation Compile(params string[] sources)
    {
        var compilation = CSharpCompilation.Create(
            "Submission",
            sources.Select(s => CSharpSyntaxTree.ParseText(s, new CSharpParseOptions(LanguageVersion.Latest))),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
        );
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The test source does not compile:\n" + string.Join("\n", errors));
        return compilation;
    }

    private static (string Source, List<(string Id, TextSpan Span)> Expected) Parse(string markup, string defaultId)
    {
        var expected = new List<(string, TextSpan)>();
        var source = new System.Text.StringBuilder();
        var open = new Stack<(string Id, int Start)>();
        for (var i = 0; i < markup.Length; i++)
        {
            var match = Opening().Match(markup, i);
            if (match.Success && match.Index == i)
            {
                open.Push((match.Groups["id"].Success ? match.Groups["id"].Value : defaultId, source.Length));
                i += match.Length - 1;
            }
            else if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] is ']' or '}' && open.Count > 0)
            {
                var (id, start) = open.Pop();
                expected.Add((id, TextSpan.FromBounds(start, source.Length)));
                i++;
            }
            else
            {
                source.Append(markup[i]);
            }
        }

        return (source.ToString(), expected.OrderBy(e => e.Item2.Start).ToList());
    }

    private static string Describe(IEnumerable<(string Id, TextSpan Span)> diagnostics, string source) =>
        string.Join("\n", diagnostics.Select(d => $"{d.Id} at \"{source.Substring(d.Span.Start, d.Span.Length)}\""));

    [GeneratedRegex(@"\[\||\{\|(?<id>EK\d{4}):")]
    private static partial Regex Opening();

    private sealed class BuildProperties(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } =
            new Options(values.ToDictionary(p => "build_property." + p.Key, p => p.Value));

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new([]);

            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
