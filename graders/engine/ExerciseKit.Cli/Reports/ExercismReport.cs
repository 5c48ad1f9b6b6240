using System.Text.Json.Nodes;
using ExerciseKit.Host.Reports;

namespace ExerciseKit.Cli.Reports;

/// <summary>
/// Exercism test-runner results.json, version 3: status pass/fail/error, a message only for error, tests in the
/// graders' order (Exercism shows the first failure), each with test_code, task_id when it maps to a task, and
/// output cut to 500 characters.
/// </summary>
public static class ExercismReport
{
    public const int OutputLimit = 500;

    public static string Write(GradeReport report)
    {
        var errors = report.Items.Where(i => i.Outcome == ItemOutcome.Error).ToList();
        var root = new JsonObject
        {
            ["version"] = 3,
            ["status"] =
                errors.Count > 0 ? "error"
                : report.Items.All(i => i.Outcome == ItemOutcome.Passed) ? "pass"
                : "fail",
        };
        if (errors.Count > 0)
        {
            root["message"] = Cut(string.Join("\n\n", errors.Select(e => e.PublicMessage)), 65_000);
        }

        root["tests"] = new JsonArray([
            .. report.Items.Select(item =>
            {
                var test = new JsonObject
                {
                    ["name"] = $"{item.Group} › {item.Name}",
                    ["status"] = item.Outcome switch
                    {
                        ItemOutcome.Passed => "pass",
                        ItemOutcome.Failed => "fail",
                        _ => "error", // a build that failed, or a test the machine could not measure
                    },
                    ["test_code"] = item.Name,
                };
                if (item.Outcome != ItemOutcome.Passed)
                {
                    test["message"] = Cut(item.PublicMessage, OutputLimit);
                }

                var task = TaskNumber(report, item);
                if (task > 0)
                {
                    test["task_id"] = task;
                }

                return (JsonNode)test;
            }),
        ]);
        return JsonText.Of(root);
    }

    // Tasks are numbered from 1 in the order of exercise.json; analyzer rules and build items have none.
    private static int TaskNumber(GradeReport report, GradedItem item)
    {
        var tasks = report.Results.First(r => r.Exercise.Id == item.ExerciseId).Exercise.Tasks;
        var index = tasks.ToList().FindIndex(t => t.Title == item.Group);
        return index + 1;
    }

    private static string Cut(string text, int limit) => text.Length <= limit ? text : text[..(limit - 20)] + "… (cut, see the kit)";
}
