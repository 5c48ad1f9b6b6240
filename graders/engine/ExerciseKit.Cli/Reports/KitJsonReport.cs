using System.Text.Json.Nodes;
using ExerciseKit.Host.Reports;

namespace ExerciseKit.Cli.Reports;

/// <summary>The kit's own JSON: every exercise with status and points, every graded item with its message.</summary>
public static class KitJsonReport
{
    public static string Write(GradeReport report) =>
        JsonText.Of(
            new JsonObject
            {
                ["source"] = report.Source,
                ["points"] = report.Points,
                ["maxPoints"] = report.MaxPoints,
                ["exercises"] = new JsonArray([
                    .. report.Results.Select(result =>
                        (JsonNode)
                            new JsonObject
                            {
                                ["id"] = result.Exercise.Id,
                                ["title"] = result.Exercise.Title,
                                ["status"] = result.Status.ToString().ToLowerInvariant(),
                                ["points"] = result.PointsEarned,
                                ["maxPoints"] = result.MaxPoints,
                                ["seconds"] = JsonText.Seconds(result.Elapsed.TotalSeconds),
                                ["items"] = new JsonArray([
                                    .. report
                                        .Items.Where(i => i.ExerciseId == result.Exercise.Id)
                                        .Select(item =>
                                            (JsonNode)
                                                new JsonObject
                                                {
                                                    ["group"] = item.Group,
                                                    ["name"] = item.Name,
                                                    ["outcome"] = item.Outcome.ToString().ToLowerInvariant(),
                                                    ["points"] = item.Points,
                                                    ["maxPoints"] = item.MaxPoints,
                                                    ["hidden"] = item.Hidden,
                                                    ["message"] = item.PublicMessage,
                                                }
                                        ),
                                ]),
                            }
                    ),
                ]),
            }
        );
}
