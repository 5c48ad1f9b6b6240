using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ExerciseKit.Host.Classroom;

/// <summary>
/// What one student gets back, as Markdown and JSON: points per exercise, every public test with its message, and
/// for hidden tests only how many passed — never their messages or inputs. Both files are written atomically.
/// </summary>
public static class StudentFeedback
{
    /// <summary>A public test's message can quote what the learner's code threw or printed: shown on one line, cut here.</summary>
    public const int MessageChars = 1000;

    public static void Write(string folder, StudentGrade grade)
    {
        Directory.CreateDirectory(folder);
        AtomicFile.Write(Path.Combine(folder, grade.StudentId + ".md"), Markdown(grade));
        AtomicFile.Write(Path.Combine(folder, grade.StudentId + ".json"), Json(grade));
    }

    public static string Markdown(StudentGrade grade)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Feedback for {grade.StudentId}\n\n");
        if (grade.Problem is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"**Not graded:** {SafeText.OneLine(grade.Problem)}\n\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"Total: **{grade.PointsEarned} / {grade.MaxPoints}**\n\n");
        foreach (var result in grade.Results)
        {
            text.Append(CultureInfo.InvariantCulture, $"## {result.Exercise.Id} — {result.PointsEarned} / {result.MaxPoints}\n\n");
            foreach (var error in result.BuildErrors.Take(10))
            {
                text.Append(
                    CultureInfo.InvariantCulture,
                    $"- does not build: `{SafeText.CodeSpan(Path.GetFileName(error.File))}({error.Line},{error.Column})` {error.Code}: {SafeText.OneLine(error.Message, 500)}\n"
                );
            }
            foreach (var test in result.Tests.Where(t => t.Test.Visibility == Visibility.Public))
            {
                var mark = test.Verdict switch
                {
                    TestVerdict.Passed => "✓",
                    TestVerdict.NotMeasured => "? (not measured yet, will be graded again)",
                    _ => "✗",
                };
                text.Append(
                    CultureInfo.InvariantCulture,
                    $"- {mark} {test.Test.Name.Split('.')[^1].Replace('_', ' ')} ({test.PointsEarned}/{test.Test.Points})"
                );
                text.Append(test.LearnerMessage.Length > 0 ? $": {SafeText.OneLine(test.LearnerMessage, MessageChars)}\n" : "\n");
            }
            var hidden = result.Tests.Where(t => t.Test.Visibility == Visibility.Hidden).ToList();
            if (hidden.Count > 0)
            {
                text.Append(
                    CultureInfo.InvariantCulture,
                    $"- hidden checks: {hidden.Count(t => t.Verdict == TestVerdict.Passed)} of {hidden.Count} passed\n"
                );
            }
            foreach (var rule in result.Rules)
            {
                var mark = rule.PointsEarned == rule.Rule.Points ? "✓" : "✗";
                text.Append(
                    CultureInfo.InvariantCulture,
                    $"- {mark} {rule.Rule.Id} {rule.Rule.Title} ({rule.PointsEarned}/{rule.Rule.Points})\n"
                );
            }
            text.Append('\n');
        }
        if (grade.Ignored.Count > 0)
        {
            text.Append("## Files not graded\n\nOnly the files each exercise lets you edit are graded; these were ignored:\n\n");
            foreach (var file in grade.Ignored.Take(50))
            {
                text.Append(CultureInfo.InvariantCulture, $"- `{SafeText.CodeSpan(file)}`\n");
            }
            text.Append(grade.Ignored.Count > 50 ? $"- … and {grade.Ignored.Count - 50} more\n" : "");
        }
        if (grade.Skipped.Count > 0)
        {
            text.Append("\n## Entries skipped\n\nGrading never follows a symbolic link and never reads a name it cannot show safely:\n\n");
            foreach (var entry in grade.Skipped.Take(50))
            {
                text.Append(CultureInfo.InvariantCulture, $"- {entry}\n");
            }
            text.Append(grade.Skipped.Count > 50 ? $"- … and {grade.Skipped.Count - 50} more\n" : "");
        }
        return text.ToString();
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
                            message = SafeText.OneLine(t.LearnerMessage, MessageChars),
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
