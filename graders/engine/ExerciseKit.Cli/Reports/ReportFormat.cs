using ExerciseKit.Host.Reports;

namespace ExerciseKit.Cli.Reports;

/// <summary>
/// The formats `grade --format` writes, by the name users type: the one list, from which the help text is made and
/// against which the README and the architecture page are checked (CommandLineTests).
/// </summary>
public static class ReportFormat
{
    private static readonly (string Name, Func<GradeReport, string> Write)[] Formats =
    [
        ("console", ConsoleText),
        ("json", KitJsonReport.Write),
        ("junit", JUnitReport.Write),
        ("trx", TrxReport.Write),
        ("gradescope", GradescopeReport.Write),
        ("github-classroom", GitHubClassroomReport.Write),
        ("exercism", ExercismReport.Write),
        ("sarif", SarifReport.Write),
        ("markdown", MarkdownReport.Write),
    ];

    public static IReadOnlyList<string> Names { get; } = [.. Formats.Select(f => f.Name)];

    /// <summary>"console, json, … or markdown".</summary>
    public static string NamesText => string.Join(", ", Names.SkipLast(1)) + " or " + Names[^1];

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
        Formats.FirstOrDefault(f => f.Name == name).Write
        ?? throw new Host.KitException($"--format {name}: unknown format; use one of {string.Join(", ", Names)}.");
}
