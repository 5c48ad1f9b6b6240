using System.Text.Json;
using ExerciseKit.Host;
using ExerciseKit.Host.Classroom;
using Xunit;

namespace ExerciseKit.Tests.Classroom;

/// <summary>
/// The graders' strength, measured against submissions the kit's authors did not write
/// (tests/ExerciseKit.Tests/Variants, written by a red team that never read the graders; see its README): every wrong
/// variant — the reference with one realistic bug, and the older common-mistakes sample — must lose a point, every
/// correct alternative in another style must keep them all, analyzer points included. Graded as one class per
/// exercise, so that the slot's build serves every variant. A point the busy machine could not measure counts as
/// neither lost nor kept.
/// </summary>
[Trait(Tiers.Name, Tiers.Full)]
public sealed class VariantCorpusTests : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("ek-variants-");

    public void Dispose() => work.Delete(recursive: true);

    [Theory, MemberData(nameof(Kit.ExerciseIds), MemberType = typeof(Kit))]
    public async Task Wrong_variants_lose_points_and_right_ones_keep_them_all(string id)
    {
        var exercise = Kit.Exercise(id);
        var corpus = Path.Combine(Kit.Layout.Root, "tests", "ExerciseKit.Tests", "Variants", id);
        var variants = new Dictionary<string, (bool Wrong, string Folder)>(StringComparer.Ordinal);
        foreach (var kind in new[] { "wrong", "right" })
        {
            foreach (var folder in Directory.GetDirectories(Path.Combine(corpus, kind)))
            {
                variants[$"{kind}.{Path.GetFileName(folder)}"] = (kind == "wrong", folder);
            }
        }
        var mistakes = Path.Combine(Kit.Layout.Root, "tests", "ExerciseKit.Tests", "Submissions", "common-mistakes", id);
        variants["wrong.common-mistakes"] = (true, mistakes);
        Assert.True(variants.Count(v => v.Value.Wrong) >= 12, $"{id}: fewer than 12 wrong variants");
        Assert.True(variants.Count(v => !v.Value.Wrong) >= 4, $"{id}: fewer than 4 right variants");

        var classFolder = Path.Combine(work.FullName, "class");
        foreach (var (student, (_, folder)) in variants)
        {
            var target = Directory.CreateDirectory(Path.Combine(classFolder, student, "exercises", id)).FullName;
            foreach (var file in Directory.GetFiles(Path.Combine(Kit.Layout.Solutions, id)))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
            foreach (var file in Directory.GetFiles(folder, "*.cs"))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
            }
        }
        var output = Path.Combine(work.FullName, "out");
        var options = new BatchOptions(output, [exercise], GradingIsolation.Unsandboxed(), Workers: 1);
        var book = await GradedExercises.OneAtATime(() =>
            new BatchGrader(Kit.Catalog, options).RunAsync(
                Submission.Discover(classFolder),
                _ => { },
                TestContext.Current.CancellationToken
            )
        );

        var wrongly = new List<string>();
        foreach (var row in book.Rows)
        {
            var (wrong, folder) = variants[row.StudentId];
            var feedback = File.ReadAllText(Path.Combine(output, "feedback", row.StudentId + ".json"));
            var points = (row.Points[id] ?? 0) + UnmeasuredPoints(feedback);
            if (wrong ? points >= exercise.MaxPoints : points < exercise.MaxPoints)
            {
                var what = File.Exists(Path.Combine(folder, "VARIANT.md"))
                    ? File.ReadAllText(Path.Combine(folder, "VARIANT.md")).Trim()
                    : "the common-mistakes sample";
                var lost = wrong
                    ? "kept full marks"
                    : $"lost points:\n{File.ReadAllText(Path.Combine(output, "feedback", row.StudentId + ".md"))}";
                wrongly.Add($"{row.StudentId} ({row.Points[id]}/{exercise.MaxPoints}) {lost}\n    {what}");
            }
        }
        Assert.Equal(variants.Count, book.Rows.Count);
        Assert.True(wrongly.Count == 0, $"{wrongly.Count} of {variants.Count} variants graded wrongly:\n\n{string.Join("\n\n", wrongly)}");
    }

    private static int UnmeasuredPoints(string feedbackJson)
    {
        using var json = JsonDocument.Parse(feedbackJson);
        return json
            .RootElement.GetProperty("exercises")
            .EnumerateArray()
            .SelectMany(e => e.GetProperty("tests").EnumerateArray())
            .Where(t => t.GetProperty("notMeasured").GetBoolean())
            .Sum(t => t.GetProperty("maxPoints").GetInt32());
    }
}
