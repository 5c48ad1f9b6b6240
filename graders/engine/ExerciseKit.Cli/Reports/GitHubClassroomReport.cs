using System.Text.Json.Nodes;
using ExerciseKit.Host;
using ExerciseKit.Host.Reports;

namespace ExerciseKit.Cli.Reports;

/// <summary>
/// GitHub Classroom's grader result v1 ({version: 1, status, max_score, tests[]}), which the classroom reporter reads
/// base64-encoded from the step output "result". The reporter shows points two ways — its console table as passed
/// tests / all tests × max_score, its notice as the sum of the tests' scores — so every point is one test of weight
/// one (an item worth 3 points is three tests, "1 of 3" …): both displays then agree. Every test carries a numeric
/// score, a line_no (else it prints "line undefined") and its duration in milliseconds; tests is never missing, and
/// status is exactly pass, fail or error.
/// </summary>
public static class GitHubClassroomReport
{
    public static string Write(GradeReport report)
    {
        var status =
            report.Items.Any(i => i.Outcome == ItemOutcome.Error) ? "error"
            : report.Items.All(i => i.Outcome == ItemOutcome.Passed) ? "pass"
            : "fail";
        var points = report.Items.SelectMany(item => Enumerable.Range(1, item.MaxPoints).Select(point => (item, point))).ToList();
        return JsonText.Of(
            new JsonObject
            {
                ["version"] = 1,
                ["status"] = status,
                ["max_score"] = report.MaxPoints,
                ["tests"] = new JsonArray([
                    .. points.Select(
                        (entry, index) =>
                            (JsonNode)
                                new JsonObject
                                {
                                    ["name"] = Name(entry.item, entry.point),
                                    ["status"] = entry.item.Outcome switch
                                    {
                                        ItemOutcome.Passed => "pass",
                                        ItemOutcome.Error => "error",
                                        _ => "fail",
                                    },
                                    ["score"] = entry.point <= entry.item.Points ? 1 : 0,
                                    ["max_score"] = 1,
                                    ["message"] =
                                        entry.item.Outcome == ItemOutcome.NotMeasured
                                            ? "not measured (no points yet, grade again on a quiet machine): " + entry.item.PublicMessage
                                            : entry.item.PublicMessage,
                                    ["line_no"] = index + 1,
                                    ["duration"] = Math.Round(JsonText.Seconds(entry.item.Seconds) * 1000 / entry.item.MaxPoints),
                                }
                    ),
                ]),
            }
        );
    }

    private static string Name(GradedItem item, int point) =>
        $"{item.ExerciseId} › {item.Group} › {item.Name}" + (item.MaxPoints > 1 ? $" (point {point} of {item.MaxPoints})" : "");

    /// <summary>The line to append to $GITHUB_OUTPUT: result=base64(json).</summary>
    public static string StepOutput(string json) => "result=" + Convert.ToBase64String(AtomicFile.Utf8.GetBytes(json)) + "\n";
}
