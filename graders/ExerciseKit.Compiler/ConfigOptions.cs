using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ExerciseKit.Compiler;

/// <summary>
/// What .editorconfig and .globalconfig files say, in the two shapes the compiler reads: severities per tree and
/// global (for the compilation) and key/value options per file and global (for analyzers and generators).
/// </summary>
internal sealed class ConfigOptions
{
    private readonly AnalyzerConfigSet set;

    private ConfigOptions(AnalyzerConfigSet set)
    {
        this.set = set;
        TreeOptions = new TreeSeverities(this);
        AnalyzerOptions = new OptionsProvider(this);
    }

    public SyntaxTreeOptionsProvider TreeOptions { get; }

    public AnalyzerConfigOptionsProvider AnalyzerOptions { get; }

    public static ConfigOptions Load(IEnumerable<string> paths) =>
        new(AnalyzerConfigSet.Create(paths.Select(p => AnalyzerConfig.Parse(SourceText.From(File.ReadAllText(p)), p)).ToList()));

    private AnalyzerConfigOptionsResult For(string path) => set.GetOptionsForSourcePath(path);

    private sealed class TreeSeverities(ConfigOptions config) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) =>
            config.For(tree.FilePath).AnalyzerOptions.TryGetValue("generated_code", out var value)
                ? bool.TryParse(value, out var generated)
                    ? generated
                        ? GeneratedKind.MarkedGenerated
                        : GeneratedKind.NotGenerated
                    : GeneratedKind.Unknown
                : GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(
            SyntaxTree tree,
            string diagnosticId,
            CancellationToken cancellationToken,
            out ReportDiagnostic severity
        ) => config.For(tree.FilePath).TreeOptions.TryGetValue(diagnosticId, out severity);

        public override bool TryGetGlobalDiagnosticValue(
            string diagnosticId,
            CancellationToken cancellationToken,
            out ReportDiagnostic severity
        ) => config.set.GlobalConfigOptions.TreeOptions.TryGetValue(diagnosticId, out severity);
    }

    private sealed class OptionsProvider(ConfigOptions config) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(config.set.GlobalConfigOptions.AnalyzerOptions);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(config.For(tree.FilePath).AnalyzerOptions);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options(config.For(textFile.Path).AnalyzerOptions);
    }

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
