using System.Globalization;
using System.Xml.Linq;
using ExerciseKit.Host;
using ExerciseKit.Host.Reports;

namespace ExerciseKit.Cli.Reports;

/// <summary>
/// JUnit XML as Jenkins, GitLab and dorny/test-reporter read it: one testsuite per exercise, one testcase per graded
/// item (classname = exercise.group), failure for a wrong answer, error when nothing could be graded.
/// </summary>
public static class JUnitReport
{
    public static string Write(GradeReport report)
    {
        var suites = report.Results.Select(result =>
        {
            var items = report.Items.Where(i => i.ExerciseId == result.Exercise.Id).ToList();
            return new XElement(
                "testsuite",
                new XAttribute("name", result.Exercise.Id),
                new XAttribute("tests", items.Count),
                new XAttribute("failures", items.Count(i => i.Outcome == ItemOutcome.Failed)),
                new XAttribute("errors", items.Count(i => i.Outcome == ItemOutcome.Error)),
                new XAttribute("skipped", items.Count(i => i.Outcome == ItemOutcome.NotMeasured)),
                new XAttribute("time", Seconds(result.Elapsed.TotalSeconds)),
                items.Select(TestCase)
            );
        });
        var all = report.Items;
        var document = new XDocument(
            new XDeclaration("1.0", "UTF-8", null),
            new XElement(
                "testsuites",
                new XAttribute("name", $"ExerciseKit ({report.Source})"),
                new XAttribute("tests", all.Count),
                new XAttribute("failures", all.Count(i => i.Outcome == ItemOutcome.Failed)),
                new XAttribute("errors", all.Count(i => i.Outcome == ItemOutcome.Error)), // the schema has no "skipped" here
                new XAttribute("time", Seconds(report.Results.Sum(r => r.Elapsed.TotalSeconds))),
                suites
            )
        );
        using var writer = new Utf8StringWriter();
        document.Save(writer);
        return writer + "\n";
    }

    private static XElement TestCase(GradedItem item)
    {
        var testCase = new XElement(
            "testcase",
            new XAttribute("classname", $"{item.ExerciseId}.{item.Group}"),
            new XAttribute("name", $"{item.Name} ({item.Points}/{item.MaxPoints} pts)"),
            new XAttribute("time", Seconds(item.Seconds))
        );
        if (item.Outcome == ItemOutcome.NotMeasured)
        {
            testCase.Add(new XElement("skipped", new XAttribute("message", item.PublicMessage.Split('\n')[0]), item.PublicMessage));
        }
        else if (item.Outcome != ItemOutcome.Passed)
        {
            var kind = item.Outcome == ItemOutcome.Error ? "error" : "failure";
            var firstLine = item.PublicMessage.Split('\n')[0];
            testCase.Add(
                new XElement(kind, new XAttribute("message", firstLine), new XAttribute("type", "ExerciseKit"), item.PublicMessage)
            );
        }

        return testCase;
    }

    // JUnit readers parse time as a plain decimal number of seconds.
    private static string Seconds(double seconds) => JsonText.Seconds(seconds).ToString("0.###", CultureInfo.InvariantCulture);

    private sealed class Utf8StringWriter : StringWriter
    {
        public override System.Text.Encoding Encoding => AtomicFile.Utf8;
    }
}
