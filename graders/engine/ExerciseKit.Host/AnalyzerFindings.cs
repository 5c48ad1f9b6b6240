using System.Text.Json;

namespace ExerciseKit.Host;

/// <summary>
/// Reads the SARIF 2.1 log the exercise build writes in grading mode (ExerciseKitAnalyzerMode=grading). Only kit
/// rules (EK…) in the learner's editable files count, and in those files a suppression (#pragma) is ignored: the
/// learner cannot switch off what is graded. Findings in the kit's own files are not the learner's.
/// </summary>
public static class AnalyzerFindings
{
    public static IReadOnlyList<AnalyzerFinding> Read(string sarifPath, ExerciseMetadata exercise)
    {
        if (!File.Exists(sarifPath))
        {
            throw new KitException($"The build wrote no analyzer log at {sarifPath}; analyzers cannot be graded.");
        }

        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(sarifPath));
            var findings = new List<AnalyzerFinding>();
            foreach (var run in json.RootElement.GetProperty("runs").EnumerateArray())
            {
                if (!run.TryGetProperty("results", out var results))
                {
                    continue;
                }

                foreach (var result in results.EnumerateArray())
                {
                    var finding = ToFinding(result, run);
                    if (
                        finding is not null
                        && finding.RuleId.StartsWith("EK", StringComparison.Ordinal)
                        && exercise.Editable.Contains(Path.GetFileName(finding.File))
                    )
                    {
                        findings.Add(finding);
                    }
                }
            }

            // In the order of the files, not of the analysis: analyzers run concurrently, so the log's order varies.
            return findings
                .Distinct()
                .OrderBy(f => f.File, StringComparer.Ordinal)
                .ThenBy(f => f.Line)
                .ThenBy(f => f.Column)
                .ThenBy(f => f.RuleId, StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            throw new KitException($"The analyzer log {sarifPath} is not readable SARIF: {e.Message}");
        }
    }

    private static AnalyzerFinding? ToFinding(JsonElement result, JsonElement run)
    {
        var ruleId = result.GetProperty("ruleId").GetString() ?? "";
        var message = result.GetProperty("message").GetProperty("text").GetString() ?? "";
        if (!result.TryGetProperty("locations", out var locations) || locations.GetArrayLength() == 0)
        {
            return null;
        }

        var physical = locations[0].GetProperty("physicalLocation");
        var uri = physical.GetProperty("artifactLocation").GetProperty("uri").GetString() ?? "";
        var file = Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.IsFile ? absolute.LocalPath : uri;
        var region = physical.TryGetProperty("region", out var r) ? r : default;
        var line = region.ValueKind == JsonValueKind.Object && region.TryGetProperty("startLine", out var l) ? l.GetInt32() : 0;
        var column = region.ValueKind == JsonValueKind.Object && region.TryGetProperty("startColumn", out var c) ? c.GetInt32() : 0;
        return new AnalyzerFinding(ruleId, message, file, line, column, HelpUri(run, ruleId));
    }

    private static string? HelpUri(JsonElement run, string ruleId)
    {
        if (!run.TryGetProperty("tool", out var tool) || !tool.GetProperty("driver").TryGetProperty("rules", out var rules))
        {
            return null;
        }

        return rules
            .EnumerateArray()
            .Where(rule => rule.GetProperty("id").GetString() == ruleId && rule.TryGetProperty("helpUri", out _))
            .Select(rule => rule.GetProperty("helpUri").GetString())
            .FirstOrDefault();
    }
}
