using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using ExerciseKit.Host;
using ExerciseKit.Host.Reports;

namespace ExerciseKit.Cli.Reports;

/// <summary>
/// Visual Studio TRX (the format of `dotnet test --logger trx`, read by Azure DevOps and the VS test explorer).
/// Ids are derived from the item names, so the same grade always gives the same file.
/// </summary>
public static class TrxReport
{
    private static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
    private const string UnitTestType = "13cdc9d9-ddb5-4fa4-a97d-d965ccfc6d4b";
    private const string DefaultList = "8c84fa94-04c1-424b-9868-57a2d4851a1d";

    public static string Write(GradeReport report)
    {
        var start = report.GradedAt;
        var finish = start + TimeSpan.FromSeconds(report.Results.Sum(r => r.Elapsed.TotalSeconds));
        var items = report.Items.Select(item => (Item: item, Test: Id("test:" + Key(item)), Execution: Id("run:" + Key(item)))).ToList();
        var document = new XDocument(
            new XDeclaration("1.0", "UTF-8", null),
            new XElement(
                Ns + "TestRun",
                new XAttribute("id", Id("run:" + report.Source + start.ToString("O"))),
                new XAttribute("name", $"ExerciseKit ({report.Source})"),
                new XElement(
                    Ns + "Times",
                    new XAttribute("creation", start.ToString("O")),
                    new XAttribute("start", start.ToString("O")),
                    new XAttribute("finish", finish.ToString("O"))
                ),
                new XElement(Ns + "Results", items.Select(x => Result(x.Item, x.Test, x.Execution, start))),
                new XElement(
                    Ns + "TestDefinitions",
                    items.Select(x => new XElement(
                        Ns + "UnitTest",
                        new XAttribute("name", x.Item.Name),
                        new XAttribute("storage", x.Item.ExerciseId),
                        new XAttribute("id", x.Test),
                        new XElement(Ns + "Execution", new XAttribute("id", x.Execution)),
                        new XElement(
                            Ns + "TestMethod",
                            new XAttribute("codeBase", x.Item.ExerciseId),
                            new XAttribute("adapterTypeName", "executor://exercisekit/"),
                            new XAttribute("className", $"{x.Item.ExerciseId}.{x.Item.Group}"),
                            new XAttribute("name", x.Item.Name)
                        )
                    ))
                ),
                new XElement(
                    Ns + "TestEntries",
                    items.Select(x => new XElement(
                        Ns + "TestEntry",
                        new XAttribute("testId", x.Test),
                        new XAttribute("executionId", x.Execution),
                        new XAttribute("testListId", DefaultList)
                    ))
                ),
                new XElement(
                    Ns + "TestLists",
                    new XElement(Ns + "TestList", new XAttribute("name", "Results Not in a List"), new XAttribute("id", DefaultList))
                ),
                new XElement(
                    Ns + "ResultSummary",
                    new XAttribute("outcome", report.Items.All(i => i.Outcome == ItemOutcome.Passed) ? "Completed" : "Failed"),
                    new XElement(
                        Ns + "Counters",
                        new XAttribute("total", report.Items.Count),
                        new XAttribute("executed", report.Items.Count),
                        new XAttribute("passed", report.Items.Count(i => i.Outcome == ItemOutcome.Passed)),
                        new XAttribute("failed", report.Items.Count(i => i.Outcome == ItemOutcome.Failed)),
                        new XAttribute("error", report.Items.Count(i => i.Outcome == ItemOutcome.Error)),
                        new XAttribute("notExecuted", report.Items.Count(i => i.Outcome == ItemOutcome.NotMeasured))
                    )
                )
            )
        );
        using var writer = new Utf8Writer();
        document.Save(writer);
        return writer + "\n";
    }

    private static XElement Result(GradedItem item, string testId, string executionId, DateTimeOffset start)
    {
        var result = new XElement(
            Ns + "UnitTestResult",
            new XAttribute("executionId", executionId),
            new XAttribute("testId", testId),
            new XAttribute("testName", $"{item.Name} ({item.Points}/{item.MaxPoints} pts)"),
            new XAttribute("computerName", "exercisekit"),
            new XAttribute("duration", TimeSpan.FromSeconds(JsonText.Seconds(item.Seconds)).ToString("c")),
            new XAttribute("startTime", start.ToString("O")),
            new XAttribute("endTime", start.ToString("O")),
            new XAttribute("testType", UnitTestType),
            new XAttribute(
                "outcome",
                item.Outcome switch
                {
                    ItemOutcome.Passed => "Passed",
                    ItemOutcome.Failed => "Failed",
                    ItemOutcome.NotMeasured => "NotExecuted",
                    _ => "Error",
                }
            ),
            new XAttribute("testListId", DefaultList)
        );
        if (item.Outcome != ItemOutcome.Passed)
        {
            result.Add(new XElement(Ns + "Output", new XElement(Ns + "ErrorInfo", new XElement(Ns + "Message", item.PublicMessage))));
        }

        return result;
    }

    private static string Key(GradedItem item) => $"{item.ExerciseId}/{item.Group}/{item.Name}";

    // A name-based GUID (SHA-256, truncated): stable across runs, distinct per item.
    private static string Id(string name) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16)).ToString();

    private sealed class Utf8Writer : StringWriter
    {
        public override Encoding Encoding => AtomicFile.Utf8;
    }
}
