using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Text;

namespace ExerciseKit.Compiler;

/// <summary>
/// Compiles a C# project from csc's own command line, as csc would: the same parser, options, analyzer configs,
/// analyzers, source generators, error log and outputs. Reference and analyzer assemblies are read once per
/// process (per file version); each call re-reads only the sources. Anything this does not handle — signing,
/// Win32 resources from files, relative references — is refused with <see cref="Unsupported"/>, and the caller runs
/// csc itself.
/// </summary>
public static class InProcessCsc
{
    public const int Unsupported = -1;

    private static readonly ConcurrentDictionary<string, (DateTime Written, MetadataReference Reference)> References = new();
    private static readonly ConcurrentDictionary<string, AnalyzerFileReference> Analyzers = new();
    private static readonly AnalyzerLoader Loader = new();

    /// <summary>Runs the compile; writes csc's diagnostic lines to <paramref name="output"/>; returns csc's exit code.</summary>
    public static int Run(string[] arguments, string baseDirectory, TextWriter output)
    {
        var args = CSharpCommandLineParser.Default.Parse(arguments, baseDirectory, sdkDirectory: null);
        if (!IsSupported(args))
        {
            return Unsupported;
        }
        if (args.Errors.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return Report(args.Errors, output);
        }

        var embedded = new HashSet<string>(args.EmbeddedFiles.Select(f => f.Path), StringComparer.Ordinal);
        var texts = args.SourceFiles.Select(f => (f.Path, Text: Read(f.Path, args, embedded.Contains(f.Path)))).ToList();
        var trees = texts.Select(t => CSharpSyntaxTree.ParseText(t.Text, args.ParseOptions, t.Path)).ToList();
        var config = ConfigOptions.Load(args.AnalyzerConfigPaths);
        var options = args
            .CompilationOptions.WithSyntaxTreeOptionsProvider(config.TreeOptions)
            .WithStrongNameProvider(new DesktopStrongNameProvider(args.KeyFileSearchPaths));
        Compilation compilation = CSharpCompilation.Create(args.CompilationName, trees, ReferencesOf(args), options);

        var analyzerReferences = args.AnalyzerReferences.Select(r => AnalyzerOf(r.FilePath)).ToList();
        var additional = args.AdditionalFiles.Select(f => (AdditionalText)new FileText(f.Path)).ToImmutableArray();
        var generators = analyzerReferences.SelectMany(r => r.GetGenerators(LanguageNames.CSharp)).ToImmutableArray();
        var diagnostics = new List<Diagnostic>();
        if (generators.Length > 0)
        {
            CSharpGeneratorDriver
                .Create(generators, additional, (CSharpParseOptions)args.ParseOptions, config.AnalyzerOptions)
                .RunGeneratorsAndUpdateCompilation(compilation, out compilation, out var generatorDiagnostics);
            diagnostics.AddRange(generatorDiagnostics);
        }

        var analyzers = analyzerReferences.SelectMany(r => r.GetAnalyzers(LanguageNames.CSharp)).ToImmutableArray();
        var all = analyzers.IsEmpty
            ? compilation.GetDiagnostics()
            : compilation
                .WithAnalyzers(
                    analyzers,
                    new CompilationWithAnalyzersOptions(
                        new AnalyzerOptions(additional, config.AnalyzerOptions),
                        onAnalyzerException: null,
                        concurrentAnalysis: true,
                        logAnalyzerExecutionTime: false,
                        reportSuppressedDiagnostics: true
                    )
                )
                .GetAllDiagnosticsAsync()
                .GetAwaiter()
                .GetResult();
        diagnostics.AddRange(all);

        if (!diagnostics.Any(IsError))
        {
            var reported = diagnostics.ToHashSet();
            diagnostics.AddRange(
                Emit(compilation, args, texts.Where(t => embedded.Contains(t.Path)).ToList()).Where(d => !reported.Contains(d))
            );
        }
        if (args.ErrorLogOptions?.Path is { } errorLog)
        {
            SarifLog.Write(errorLog, diagnostics.Where(d => d.Severity != DiagnosticSeverity.Hidden), analyzers);
        }
        return Report(diagnostics, output);
    }

    private static bool IsSupported(CSharpCommandLineArguments args) =>
        args.CompilationOptions.CryptoKeyFile is null
        && args.CompilationOptions.CryptoKeyContainer is null
        && args.Win32ResourceFile is null
        && args.Win32Icon is null
        && args.Win32Manifest is null
        && !args.SourceFiles.Any(f => f.IsScript)
        && args.MetadataReferences.All(r => Path.IsPathRooted(r.Reference))
        && args.AnalyzerReferences.All(r => Path.IsPathRooted(r.FilePath))
        && args.OutputDirectory is not null;

    private static bool IsError(Diagnostic d) => d.Severity == DiagnosticSeverity.Error && !d.IsSuppressed;

    private static int Report(IEnumerable<Diagnostic> diagnostics, TextWriter output)
    {
        var failed = false;
        foreach (var d in diagnostics.Where(d => d.Severity != DiagnosticSeverity.Hidden && !d.IsSuppressed))
        {
            output.WriteLine(d.ToString());
            failed |= d.Severity == DiagnosticSeverity.Error;
        }
        return failed ? 1 : 0;
    }

    private static SourceText Read(string path, CSharpCommandLineArguments args, bool embed)
    {
        using var stream = File.OpenRead(path);
        return SourceText.From(stream, args.Encoding, args.ChecksumAlgorithm, throwIfBinaryDetected: true, canBeEmbedded: embed);
    }

    private static IEnumerable<MetadataReference> ReferencesOf(CSharpCommandLineArguments args) =>
        args.MetadataReferences.Select(r =>
        {
            var written = File.GetLastWriteTimeUtc(r.Reference);
            var key = r.Reference + "|" + string.Join(",", r.Properties.Aliases) + "|" + r.Properties.EmbedInteropTypes;
            if (References.TryGetValue(key, out var cached) && cached.Written == written)
            {
                return cached.Reference;
            }
            var reference = MetadataReference.CreateFromFile(r.Reference, r.Properties);
            References[key] = (written, reference);
            return reference;
        });

    // The host starts a new load context when an analyzer's file changes: one loaded here stays loaded.
    private static AnalyzerFileReference AnalyzerOf(string path) =>
        Analyzers.GetOrAdd(
            path,
            p =>
            {
                Loader.AddDependencyLocation(p);
                return new AnalyzerFileReference(p, Loader);
            }
        );

    private static IEnumerable<Diagnostic> Emit(
        Compilation compilation,
        CSharpCommandLineArguments args,
        IReadOnlyList<(string Path, SourceText Text)> embedded
    )
    {
        var output = Path.Combine(args.OutputDirectory, args.OutputFileName ?? compilation.AssemblyName + ".dll");
        var pdbPath = args.PdbPath ?? Path.ChangeExtension(output, ".pdb");
        var emitOptions = args.EmitOptions.WithPdbFilePath(pdbPath);
        var writesPdb = args.EmitPdb && emitOptions.DebugInformationFormat != DebugInformationFormat.Embedded;
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        using var reference = new MemoryStream();
        using var win32 = compilation.CreateDefaultWin32Resources(
            versionResource: true,
            noManifest: args.NoWin32Manifest,
            manifestContents: null,
            iconInIcoFormat: null
        );
        var result = compilation.Emit(
            pe,
            writesPdb ? pdb : null,
            xmlDocumentationStream: null,
            win32Resources: win32,
            manifestResources: args.ManifestResources,
            options: emitOptions,
            debugEntryPoint: null,
            sourceLinkStream: null,
            embeddedTexts: embedded.Select(e => EmbeddedText.FromSource(e.Path, e.Text)),
            metadataPEStream: args.OutputRefFilePath is null ? null : reference
        );
        if (result.Success)
        {
            File.WriteAllBytes(output, pe.ToArray());
            if (writesPdb)
            {
                File.WriteAllBytes(pdbPath, pdb.ToArray());
            }
            if (args.OutputRefFilePath is { } referencePath)
            {
                File.WriteAllBytes(referencePath, reference.ToArray());
            }
        }
        return result.Diagnostics;
    }

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(path));
    }
}
