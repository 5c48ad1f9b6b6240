namespace ExerciseKit.Cli.Reports;

/// <summary>The formats `grade --format` writes, by the name users type.</summary>
public static class ReportFormat
{
    public static readonly IReadOnlyDictionary<string, Func<GradeReport, string>> Writers = new Dictionary<
        string,
        Func<GradeReport, string>
    >
    {
        ["console"] = ConsoleText,
        ["json"] = KitJsonReport.Write,
        ["junit"] = JUnitReport.Write,
        ["gradescope"] = GradescopeReport.Write,
        ["github-classroom"] = GitHubClassroomReport.Write,
        ["sarif"] = SarifReport.Write,
        ["markdown"] = MarkdownReport.Write,
        ["exercism"] = ExercismReport.Write,
        ["trx"] = TrxReport.Write,
    };

    // The same text `check` prints, for a CI log or a file.
    private static string ConsoleText(GradeReport report)
    {
        var text = new StringWriter();
        foreach (var result in report.Results)
        {
            ConsoleReport.WriteExercise(text, result, new Host.KitLayout(report.Root));
        }

        ConsoleReport.WriteTotals(text, report.Results);
        return text.ToString();
    }

    public static Func<GradeReport, string> Writer(string name) =>
        Writers.TryGetValue(name, out var writer)
            ? writer
            : throw new Host.KitException($"--format {name}: unknown format; use one of {string.Join(", ", Writers.Keys)}.");
}
