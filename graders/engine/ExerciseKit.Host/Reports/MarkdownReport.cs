using System.Text;

namespace ExerciseKit.Host.Reports;

/// <summary>
/// The one Markdown writer of a grade: `grade --format markdown` (a job summary) and every student's feedback file in
/// `grade-batch`. A table per exercise, then each failing check's message below it. Text that came from the graded
/// code (messages, file names) is escaped, so it can never add a line, a heading or a table cell of its own.
/// </summary>
public static class MarkdownReport
{
    /// <summary>A message can quote what the learner's code threw or printed: cut here.</summary>
    public const int MessageChars = 1000;

    /// <summary>A learner's own grade: every check by name (a hidden grader's message never reaches a report).</summary>
    public static string Write(GradeReport report) =>
        Write(report, new MarkdownOptions($"ExerciseKit — {report.Points}/{report.MaxPoints} points"));

    public static string Write(GradeReport report, MarkdownOptions options)
    {
        var text = new StringBuilder();
        text.AppendLine($"# {options.Title}").AppendLine();
        foreach (var line in options.Preamble)
        {
            text.AppendLine(line).AppendLine();
        }

        foreach (var result in report.Results)
        {
            text.AppendLine($"## {result.Exercise.Id} · {Cell(result.Exercise.Title)} — {result.PointsEarned}/{result.MaxPoints}")
                .AppendLine();
            text.AppendLine("| | Check | Points |").AppendLine("|---|---|---|");
            var items = report.Items.Where(i => i.ExerciseId == result.Exercise.Id).ToList();
            var shown = options.HiddenByName ? items : items.Where(i => !i.Hidden).ToList();
            foreach (var item in shown)
            {
                var hidden = item.Hidden ? " *(hidden)*" : "";
                text.AppendLine(
                    $"| {Mark(item.Outcome)} | {Cell(item.Group)} › {Cell(item.Name)}{hidden} | {item.Points}/{item.MaxPoints} |"
                );
            }

            if (!options.HiddenByName && items.Where(i => i.Hidden).ToList() is { Count: > 0 } hiddenItems)
            {
                var passed = hiddenItems.Count(i => i.Outcome == ItemOutcome.Passed);
                var mark = Mark(passed == hiddenItems.Count ? ItemOutcome.Passed : ItemOutcome.Failed);
                text.AppendLine(
                    $"| {mark} | hidden checks: {passed} of {hiddenItems.Count} passed | {hiddenItems.Sum(i => i.Points)}/{hiddenItems.Sum(i => i.MaxPoints)} |"
                );
            }

            text.AppendLine();
            foreach (var item in shown.Where(i => i.Outcome != ItemOutcome.Passed && i.PublicMessage.Length > 0))
            {
                text.AppendLine($"**{Cell(item.Name)}**")
                    .AppendLine()
                    .AppendLine("```text")
                    .AppendLine(Block(item.PublicMessage))
                    .AppendLine("```")
                    .AppendLine();
            }
        }

        foreach (var section in options.Sections.Where(s => s.Entries.Count > 0))
        {
            text.AppendLine($"## {section.Heading}").AppendLine().AppendLine(section.Introduction).AppendLine();
            foreach (var entry in section.Entries.Take(50))
            {
                text.AppendLine($"- {entry}");
            }
            if (section.Entries.Count > 50)
            {
                text.AppendLine($"- … and {section.Entries.Count - 50} more");
            }
            text.AppendLine();
        }

        return text.ToString();
    }

    private static string Mark(ItemOutcome outcome) =>
        outcome switch
        {
            ItemOutcome.Passed => "✅",
            ItemOutcome.NotMeasured => "⏸️ not measured",
            _ => "❌",
        };

    private static string Cell(string text) => SafeText.OneLine(text).Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>A message in a fenced block: its own line breaks kept, every other control character escaped, no fence inside.</summary>
    private static string Block(string message)
    {
        var text = string.Join('\n', message.ReplaceLineEndings("\n").Split('\n').Select(line => SafeText.OneLine(line, MessageChars)));
        if (text.Length > MessageChars)
        {
            text = text[..MessageChars] + $"… ({text.Length - MessageChars} more characters)";
        }
        return text.Replace("```", "'''", StringComparison.Ordinal);
    }
}
