using System.Text.Json;
using System.Xml.Linq;
using ExerciseKit.Cli.Reports;
using ExerciseKit.Host;
using ExerciseKit.Host.Reports;
using Snapshooter;
using Snapshooter.Xunit3;
using Xunit;

namespace ExerciseKit.Tests.Reports;

/// <summary>Each format as a snapshot, plus the fields its real consumer reads (../shared/schemas/CONSUMERS.md).</summary>
public sealed class ReportFormatTests
{
    private static readonly GradeReport Sample = SampleGrade.Create();

    [Theory]
    [InlineData("console")]
    [InlineData("json")]
    [InlineData("junit")]
    [InlineData("gradescope")]
    [InlineData("github-classroom")]
    [InlineData("sarif")]
    [InlineData("markdown")]
    [InlineData("exercism")]
    [InlineData("trx")]
    public void Each_format_matches_its_snapshot(string format) =>
        ReportFormat.Writer(format)(Sample).Split('\n').MatchSnapshot(SnapshotNameExtension.Create(format));

    [Fact]
    public void Totals_come_from_metadata_and_every_item_adds_up()
    {
        Assert.Equal(Sample.Results.Sum(r => r.Exercise.MaxPoints), Sample.MaxPoints);
        var broken = Sample.Results[1];
        Assert.Equal(broken.MaxPoints, Sample.Items.Where(i => i.ExerciseId == broken.Exercise.Id).Sum(i => i.MaxPoints)); // a build failure still owes all its points
        // One passing test; EK1002 has no finding but binary-loss, a task it judges, passes no grader yet; the test the
        // machine could not measure scores nothing yet.
        Assert.Equal(1, Sample.Points);
    }

    [Fact]
    public void Hidden_grader_inputs_never_reach_a_report()
    {
        foreach (var name in ReportFormat.Names)
        {
            Assert.DoesNotContain("<secret input>", ReportFormat.Writer(name)(Sample));
        }
    }

    /// <summary>The help text is made from the list; the README and the architecture page are written by hand.</summary>
    [Theory]
    [InlineData("README.md", "`grade [ids…]")]
    [InlineData("graders/docs/architecture.md", "`grade --format F` writes")]
    public void The_docs_list_exactly_the_formats_grade_writes(string document, string lineStart)
    {
        var line = File.ReadAllLines(Path.Combine(Kit.Layout.Root, document)).First(l => l.Contains(lineStart, StringComparison.Ordinal));
        var paragraph = string.Join(
            " ",
            File.ReadAllLines(Path.Combine(Kit.Layout.Root, document)).SkipWhile(l => l != line).TakeWhile(l => l.Length > 0)
        );

        Assert.Contains($"`{string.Join("`, `", ReportFormat.Names.SkipLast(1))}` or `{ReportFormat.Names[^1]}`", paragraph);
    }

    [Fact]
    public void Gradescope_gets_numbers_passed_failed_and_visibility()
    {
        using var json = JsonDocument.Parse(GradescopeReport.Write(Sample));
        var root = json.RootElement;
        Assert.Equal(Sample.Points, root.GetProperty("score").GetInt32());
        Assert.All(
            root.GetProperty("tests").EnumerateArray(),
            test =>
            {
                Assert.Equal(JsonValueKind.Number, test.GetProperty("score").ValueKind);
                Assert.Equal(JsonValueKind.Number, test.GetProperty("max_score").ValueKind);
                Assert.Contains(test.GetProperty("status").GetString(), new[] { "passed", "failed" });
                Assert.Contains(test.GetProperty("visibility").GetString(), new[] { "visible", "after_published" });
            }
        );
    }

    [Fact]
    public void GitHub_Classroom_gets_version_1_a_known_status_and_a_numeric_score_per_test()
    {
        var text = GitHubClassroomReport.Write(Sample);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal("error", root.GetProperty("status").GetString()); // exercise 02 does not build
        Assert.Equal(Sample.MaxPoints, root.GetProperty("max_score").GetInt32());
        var tests = root.GetProperty("tests").EnumerateArray().ToList();
        Assert.NotEmpty(tests);
        Assert.Equal(Sample.Points, tests.Sum(t => t.GetProperty("score").GetInt32()));
        Assert.All(tests, t => Assert.Contains(t.GetProperty("status").GetString(), new[] { "pass", "fail", "error" }));

        // The reporter's console table shows passed tests / all tests × max_score, its notice the sum of the scores:
        // with one test per point (all of an exercise's points are items) they agree (a half-done 01 showed 7.2 beside
        // "Points 8/23").
        Assert.Equal(Sample.Items.Sum(i => i.MaxPoints), tests.Count);
        Assert.Equal(Sample.Points, tests.Count(t => t.GetProperty("status").GetString() == "pass"));
        Assert.All(tests, t => Assert.Equal(1, t.GetProperty("max_score").GetInt32()));
        Assert.Equal(Enumerable.Range(1, tests.Count), tests.Select(t => t.GetProperty("line_no").GetInt32()));
        Assert.All(tests, t => Assert.Equal(JsonValueKind.Number, t.GetProperty("duration").ValueKind));
        Assert.All(tests, t => Assert.False(t.TryGetProperty("execution_time", out _)));
        Assert.Contains(tests, t => t.GetProperty("message").GetString()!.StartsWith("not measured", StringComparison.Ordinal));

        var line = GitHubClassroomReport.StepOutput(text);
        Assert.StartsWith("result=", line);
        Assert.Equal(text, AtomicFile.Utf8.GetString(Convert.FromBase64String(line["result=".Length..].TrimEnd())));
    }

    [Fact]
    public void Exercism_gets_version_3_a_message_only_on_error_and_short_outputs()
    {
        using var json = JsonDocument.Parse(ExercismReport.Write(Sample));
        var root = json.RootElement;
        Assert.Equal(3, root.GetProperty("version").GetInt32());
        Assert.Equal("error", root.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("message").GetString()));
        Assert.All(
            root.GetProperty("tests").EnumerateArray(),
            test =>
            {
                Assert.True(test.TryGetProperty("test_code", out _));
                var passed = test.GetProperty("status").GetString() == "pass";
                Assert.Equal(!passed, test.TryGetProperty("message", out var message));
                Assert.True(passed || message.GetString()!.Length <= ExercismReport.OutputLimit);
                Assert.True(!test.TryGetProperty("task_id", out var task) || task.GetInt32() > 0);
            }
        );
    }

    [Fact]
    public void Trx_counters_match_its_results_and_ids_are_stable()
    {
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        var text = TrxReport.Write(Sample);
        var document = XDocument.Parse(text);
        var results = document.Descendants(ns + "UnitTestResult").ToList();
        var counters = document.Descendants(ns + "Counters").Single();
        Assert.Equal(results.Count, (int)counters.Attribute("total")!);
        Assert.Equal(results.Count(r => (string?)r.Attribute("outcome") == "Passed"), (int)counters.Attribute("passed")!);
        Assert.Equal(results.Count, results.Select(r => (string?)r.Attribute("testId")).Distinct().Count());
        Assert.Equal(text, TrxReport.Write(SampleGrade.Create()));
    }

    [Fact]
    public void JUnit_counts_match_its_testcases_and_times_are_plain_seconds()
    {
        var document = XDocument.Parse(JUnitReport.Write(Sample));
        foreach (var suite in document.Root!.Elements("testsuite"))
        {
            var cases = suite.Elements("testcase").ToList();
            Assert.Equal(cases.Count, (int)suite.Attribute("tests")!);
            Assert.Equal(cases.Count(c => c.Element("failure") is not null), (int)suite.Attribute("failures")!);
            Assert.Equal(cases.Count(c => c.Element("error") is not null), (int)suite.Attribute("errors")!);
            Assert.All(cases, c => Assert.Matches(@"^\d+(\.\d+)?$", (string)c.Attribute("time")!));
        }
    }

    [Fact]
    public void Sarif_locations_are_relative_to_the_source_root_with_one_based_regions()
    {
        using var json = JsonDocument.Parse(SarifReport.Write(Sample));
        var run = json.RootElement.GetProperty("runs")[0];
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(2, results.Count); // the EK1001 finding and the compile error
        Assert.All(
            results,
            r =>
            {
                var location = r.GetProperty("locations")[0].GetProperty("physicalLocation");
                Assert.StartsWith("exercises/", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
                Assert.True(location.GetProperty("region").GetProperty("startLine").GetInt32() >= 1);
                Assert.False(string.IsNullOrEmpty(r.GetProperty("message").GetProperty("text").GetString()));
            }
        );
    }

    [Fact]
    public void An_output_file_is_replaced_whole_and_a_missing_folder_is_refused()
    {
        var folder = Directory.CreateTempSubdirectory("ek-report-");
        try
        {
            var path = Path.Combine(folder.FullName, "report.json");
            File.WriteAllText(path, "old");
            AtomicFile.Write(path, "{\"new\": true}\n");
            Assert.Equal("{\"new\": true}\n", File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(folder.FullName)); // no temporary file left behind

            var error = Assert.Throws<Host.KitException>(() => AtomicFile.Write(Path.Combine(folder.FullName, "nope", "r.json"), "x"));
            Assert.Contains("does not exist", error.Message);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
