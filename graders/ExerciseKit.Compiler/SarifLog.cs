using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ExerciseKit.Compiler;

/// <summary>
/// The error log csc writes for <c>/errorlog:path,version=2.1</c>, reduced to what readers of it use: each
/// diagnostic's rule, level, message, first location and suppression, and each rule's help link.
/// </summary>
internal static class SarifLog
{
    public static void Write(string path, IEnumerable<Diagnostic> diagnostics, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "http://json.schemastore.org/sarif-2.1.0");
            json.WriteString("version", "2.1.0");
            json.WriteStartArray("runs");
            json.WriteStartObject();
            WriteResults(json, diagnostics);
            WriteTool(json, analyzers);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        File.Move(temporary, path, overwrite: true);
    }

    private static void WriteResults(Utf8JsonWriter json, IEnumerable<Diagnostic> diagnostics)
    {
        json.WriteStartArray("results");
        foreach (var d in diagnostics)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", d.Id);
            json.WriteString(
                "level",
                d.Severity switch
                {
                    DiagnosticSeverity.Error => "error",
                    DiagnosticSeverity.Warning => "warning",
                    _ => "note",
                }
            );
            json.WriteStartObject("message");
            json.WriteString("text", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            json.WriteEndObject();
            if (d.Location.IsInSource)
            {
                var span = d.Location.GetLineSpan();
                json.WriteStartArray("locations");
                json.WriteStartObject();
                json.WriteStartObject("physicalLocation");
                json.WriteStartObject("artifactLocation");
                json.WriteString("uri", new Uri(span.Path).AbsoluteUri);
                json.WriteEndObject();
                json.WriteStartObject("region");
                json.WriteNumber("startLine", span.StartLinePosition.Line + 1);
                json.WriteNumber("startColumn", span.StartLinePosition.Character + 1);
                json.WriteNumber("endLine", span.EndLinePosition.Line + 1);
                json.WriteNumber("endColumn", span.EndLinePosition.Character + 1);
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
            }
            if (d.IsSuppressed)
            {
                json.WriteStartArray("suppressions");
                json.WriteStartObject();
                json.WriteString("kind", "inSource");
                json.WriteEndObject();
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteTool(Utf8JsonWriter json, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "ExerciseKit in-process compiler");
        json.WriteStartArray("rules");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in analyzers.SelectMany(a => a.SupportedDiagnostics).Where(r => seen.Add(r.Id)))
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            if (!string.IsNullOrEmpty(rule.HelpLinkUri))
            {
                json.WriteString("helpUri", rule.HelpLinkUri);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
