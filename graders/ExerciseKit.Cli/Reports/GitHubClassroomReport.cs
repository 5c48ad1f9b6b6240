using System.Text.Json.Nodes;
using ExerciseKit.Host;

namespace ExerciseKit.Cli.Reports;

/// <summary>
/// GitHub Classroom's grader result v1 ({version: 1, status, max_score, tests[]}), which the classroom reporter
/// reads base64-encoded from the step output "result" and sums test by test. Every test carries a numeric score,
/// tests is never missing, and status is exactly pass, fail or error.
/// </summary>
public static class GitHubClassroomReport
{
    public static string Write(GradeReport report)
    {
        var status =
            report.Items.Any(i => i.Outcome == ItemOutcome.Error) ? "error"
            : report.Items.All(i => i.Outcome == ItemOutcome.Passed) ? "pass"
            : "fail";
        return JsonText.Of(
            new JsonObject
            {
                ["version"] = 1,
                ["status"] = status,
                ["max_score"] = report.MaxPoints,
                ["tests"] = new JsonArray([
                    .. report.Items.Select(item =>
                        (JsonNode)
                            new JsonObject
                            {
                                ["name"] = $"{item.ExerciseId} › {item.Group} › {item.Name}",
                                ["status"] = item.Outcome switch
                                {
                                    ItemOutcome.Passed => "pass",
                                    ItemOutcome.Failed => "fail",
                                    _ => "error",
                                },
                                ["score"] = item.Points,
                                ["max_score"] = item.MaxPoints,
                                ["message"] = item.PublicMessage,
                                ["execution_time"] = $"{JsonText.Seconds(item.Seconds):0.###}s",
                            }
                    ),
                ]),
            }
        );
    }

    /// <summary>The line to append to $GITHUB_OUTPUT: result=base64(json).</summary>
    public static string StepOutput(string json) => "result=" + Convert.ToBase64String(AtomicFile.Utf8.GetBytes(json)) + "\n";
}
