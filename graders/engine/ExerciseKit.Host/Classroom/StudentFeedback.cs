using System.Text.Json;
using ExerciseKit.Host.Reports;

namespace ExerciseKit.Host.Classroom;

/// <summary>
/// What one student gets back, as Markdown and JSON: points per exercise, every public test with its message, and
/// for hidden tests only how many passed — never their messages or inputs. Both files are written atomically.
/// </summary>
public static class StudentFeedback
{
    public static void Write(string folder, StudentGrade grade)
    {
        Directory.CreateDirectory(folder);
        AtomicFile.Write(Path.Combine(folder, grade.StudentId + ".md"), Markdown(grade));
        AtomicFile.Write(Path.Combine(folder, grade.StudentId + ".json"), Json(grade));
    }

    /// <summary>The grade as <see cref="MarkdownReport"/> writes every grade, with hidden checks only counted.</summary>
    public static string Markdown(StudentGrade grade)
    {
        // An empty root: build errors and findings name the file only, never the staging folder.
        var report = new GradeReport($"submission of {grade.StudentId}", grade.Results, Root: "", DateTimeOffset.UnixEpoch);
        var options = new MarkdownOptions(
            $"Feedback for {grade.StudentId} — {grade.PointsEarned}/{grade.MaxPoints} points",
            HiddenByName: false
        )
        {
            Preamble = grade.Problem is null ? [] : [$"**Not graded:** {SafeText.OneLine(grade.Problem)}"],
            Sections =
            [
                new MarkdownSection(
                    "Files not graded",
                    "Only the files each exercise lets you edit are graded; these were ignored:",
                    [.. grade.Ignored.Select(file => $"`{SafeText.CodeSpan(file)}`")]
                ),
                new MarkdownSection(
                    "Entries skipped",
                    "Grading never follows a symbolic link and never reads a name it cannot show safely:",
                    grade.Skipped
                ),
            ],
        };
        return MarkdownReport.Write(report, options);
    }

    public static string Json(StudentGrade grade) =>
        JsonSerializer.Serialize(
            new
            {
                student = grade.StudentId,
                points = grade.PointsEarned,
                maxPoints = grade.MaxPoints,
                problem = grade.Problem,
                ignored = grade.Ignored.Select(f => SafeText.OneLine(f, 300)),
                skipped = grade.Skipped,
                exercises = grade.Results.Select(result => new
                {
                    id = result.Exercise.Id,
                    status = result.Status.ToString(),
                    points = result.PointsEarned,
                    maxPoints = result.MaxPoints,
                    buildErrors = result.BuildErrors.Select(e => $"{Path.GetFileName(e.File)}({e.Line},{e.Column}): {e.Code}: {e.Message}"),
                    tests = result
                        .Tests.Where(t => t.Test.Visibility == Visibility.Public)
                        .Select(t => new
                        {
                            name = t.Test.Name,
                            passed = t.Verdict == TestVerdict.Passed,
                            notMeasured = t.Verdict == TestVerdict.NotMeasured,
                            points = t.PointsEarned,
                            maxPoints = t.Test.Points,
                            message = SafeText.OneLine(t.LearnerMessage, MarkdownReport.MessageChars),
                        }),
                    hidden = new
                    {
                        passed = result.Tests.Count(t => t.Test.Visibility == Visibility.Hidden && t.Verdict == TestVerdict.Passed),
                        total = result.Tests.Count(t => t.Test.Visibility == Visibility.Hidden),
                    },
                    rules = result.Rules.Select(r => new
                    {
                        id = r.Rule.Id,
                        points = r.PointsEarned,
                        maxPoints = r.Rule.Points,
                    }),
                }),
            },
            new JsonSerializerOptions { WriteIndented = true }
        ) + "\n";
}
