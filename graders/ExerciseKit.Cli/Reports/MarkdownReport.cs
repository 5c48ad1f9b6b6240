using System.Text;

namespace ExerciseKit.Cli.Reports;

/// <summary>A Markdown summary (a job summary or a feedback file): a table per exercise, failures explained below it.</summary>
public static class MarkdownReport
{
    public static string Write(GradeReport report)
    {
        var text = new StringBuilder();
        text.AppendLine($"# ExerciseKit — {report.Points}/{report.MaxPoints} points").AppendLine();
        foreach (var result in report.Results)
        {
            text.AppendLine($"## {result.Exercise.Id} · {Escape(result.Exercise.Title)} — {result.PointsEarned}/{result.MaxPoints}")
                .AppendLine();
            text.AppendLine("| | Check | Points |").AppendLine("|---|---|---|");
            var items = report.Items.Where(i => i.ExerciseId == result.Exercise.Id).ToList();
            foreach (var item in items)
            {
                var mark = item.Outcome switch
                {
                    ItemOutcome.Passed => "✅",
                    ItemOutcome.NotMeasured => "⏸️ not measured",
                    _ => "❌",
                };
                var hidden = item.Hidden ? " *(hidden)*" : "";
                text.AppendLine($"| {mark} | {Escape(item.Group)} › {Escape(item.Name)}{hidden} | {item.Points}/{item.MaxPoints} |");
            }

            text.AppendLine();
            foreach (var item in items.Where(i => i.Outcome != ItemOutcome.Passed && i.PublicMessage.Length > 0))
            {
                text.AppendLine($"**{Escape(item.Name)}**")
                    .AppendLine()
                    .AppendLine("```text")
                    .AppendLine(item.PublicMessage.Replace("```", "'''"))
                    .AppendLine("```")
                    .AppendLine();
            }
        }

        return text.ToString();
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|").Replace("\n", " ");
}
