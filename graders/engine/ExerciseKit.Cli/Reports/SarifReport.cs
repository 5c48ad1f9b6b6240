using System.Text.Json.Nodes;
using ExerciseKit.Host.Reports;

namespace ExerciseKit.Cli.Reports;

/// <summary>
/// SARIF 2.1.0 for code scanning: the kit analyzers' findings in the learner's files (and compile errors), with
/// paths relative to the repository root (%SRCROOT%), 1-based regions and each rule's help link.
/// </summary>
public static class SarifReport
{
    public const string Schema = "https://json.schemastore.org/sarif-2.1.0.json";

    public static string Write(GradeReport report)
    {
        var findings = report.Results.SelectMany(r => r.AnalyzerFindings).ToList();
        var errors = report.Results.SelectMany(r => r.BuildErrors).Where(e => e.Line > 0).ToList();
        var rules = findings
            .GroupBy(f => f.RuleId)
            .Select(g => (Id: g.Key, Help: g.First().HelpUri))
            .Concat(errors.GroupBy(e => e.Code).Select(g => (Id: g.Key, Help: (string?)null)))
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToList();

        var results = findings
            .Select(f => Result(f.RuleId, "warning", f.Message, report.Relative(f.File), f.Line, f.Column))
            .Concat(errors.Select(e => Result(e.Code, "error", e.Message, report.Relative(e.File), e.Line, e.Column)));

        return JsonText.Of(
            new JsonObject
            {
                ["$schema"] = Schema,
                ["version"] = "2.1.0",
                ["runs"] = new JsonArray(
                    new JsonObject
                    {
                        ["tool"] = new JsonObject
                        {
                            ["driver"] = new JsonObject
                            {
                                ["name"] = "ExerciseKit",
                                ["informationUri"] = "https://github.com/exercisekit/exercisekit",
                                ["rules"] = new JsonArray([
                                    .. rules.Select(rule =>
                                    {
                                        var node = new JsonObject { ["id"] = rule.Id };
                                        if (rule.Help is not null)
                                        {
                                            node["helpUri"] = rule.Help;
                                        }

                                        return (JsonNode)node;
                                    }),
                                ]),
                            },
                        },
                        ["originalUriBaseIds"] = new JsonObject
                        {
                            ["%SRCROOT%"] = new JsonObject
                            {
                                ["uri"] = new Uri(Path.TrimEndingDirectorySeparator(report.Root) + "/").AbsoluteUri,
                            },
                        },
                        ["results"] = new JsonArray([.. results]),
                    }
                ),
            }
        );
    }

    private static JsonNode Result(string ruleId, string level, string message, string file, int line, int column) =>
        new JsonObject
        {
            ["ruleId"] = ruleId,
            ["level"] = level,
            ["message"] = new JsonObject { ["text"] = message },
            ["locations"] = new JsonArray(
                new JsonObject
                {
                    ["physicalLocation"] = new JsonObject
                    {
                        ["artifactLocation"] = new JsonObject { ["uri"] = file, ["uriBaseId"] = "%SRCROOT%" },
                        ["region"] = new JsonObject { ["startLine"] = Math.Max(1, line), ["startColumn"] = Math.Max(1, column) },
                    },
                }
            ),
        };
}
