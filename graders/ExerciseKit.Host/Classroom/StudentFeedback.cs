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
            text.Append(CultureInfo.InvariantCulture, $"**Not graded:** {grade.Problem}\n\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"Total: **{grade.PointsEarned} / {grade.MaxPoints}**\n\n");
        foreach (var result in grade.Results)
        {
            text.Append(CultureInfo.InvariantCulture, $"## {result.Exercise.Id} — {result.PointsEarned} / {result.MaxPoints}\n\n");
            foreach (var error in result.BuildErrors.Take(10))
            {
                text.Append(
                    CultureInfo.InvariantCulture,
                    $"- does not build: `{Path.GetFileName(error.File)}({error.Line},{error.Column})` {error.Code}: {error.Message}\n"
                );
            }
            foreach (var test in result.Tests.Where(t => t.Test.Visibility == Visibility.Public))
            {
                var mark = test.Verdict == TestVerdict.Passed ? "✓" : "✗";
                text.Append(
                    CultureInfo.InvariantCulture,
                    $"- {mark} {test.Test.Name.Split('.')[^1].Replace('_', ' ')} ({test.PointsEarned}/{test.Test.Points})"
                );
                text.Append(test.LearnerMessage.Length > 0 ? $": {test.LearnerMessage.ReplaceLineEndings(" ")}\n" : "\n");
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
                text.Append(CultureInfo.InvariantCulture, $"- `{file}`\n");
            }
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
                ignored = grade.Ignored,
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
                            points = t.PointsEarned,
                            maxPoints = t.Test.Points,
                            message = t.LearnerMessage,
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
