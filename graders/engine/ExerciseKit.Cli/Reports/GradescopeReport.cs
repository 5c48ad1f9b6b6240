using System.Text.Json.Nodes;
using ExerciseKit.Host.Reports;

namespace ExerciseKit.Cli.Reports;

/// <summary>
/// Gradescope's results.json: tests[] with score, max_score, status passed/failed, output and visibility. Hidden
/// graders become "after_published" (a "hidden" test would hide the student's total).
/// </summary>
public static class GradescopeReport
{
    public static string Write(GradeReport report) =>
        JsonText.Of(
            new JsonObject
            {
                ["score"] = report.Points,
                ["output"] = $"ExerciseKit: {report.Points}/{report.MaxPoints} points ({report.Source}).",
                ["tests"] = new JsonArray([
                    .. report.Items.Select(item =>
                        (JsonNode)
                            new JsonObject
                            {
                                ["name"] = $"{item.ExerciseId} › {item.Group} › {item.Name}",
                                ["score"] = item.Points,
                                ["max_score"] = item.MaxPoints,
                                ["status"] = item.Outcome == ItemOutcome.Passed ? "passed" : "failed",
                                ["output"] =
                                    item.Outcome == ItemOutcome.NotMeasured
                                        ? "NOT MEASURED (no points yet, to be graded again): " + item.PublicMessage
                                        : item.PublicMessage,
                                ["visibility"] = item.Hidden ? "after_published" : "visible",
                            }
                    ),
                ]),
            }
        );
}
