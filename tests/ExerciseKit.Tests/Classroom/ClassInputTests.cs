using ExerciseKit.Host;
using ExerciseKit.Host.Classroom;
using Xunit;

namespace ExerciseKit.Tests.Classroom;

/// <summary>Bad class input gets a clear message; gradebooks round-trip and merge without silent overwrites.</summary>
public sealed class ClassInputTests : IDisposable
{
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("ek-input-");

    public void Dispose() => work.Delete(recursive: true);

    [Fact]
    public void A_missing_or_empty_folder_a_stray_file_and_a_duplicate_student_are_refused_by_name()
    {
        Assert.Contains(
            "no such folder",
            Assert.Throws<KitException>(() => Submission.Discover(Path.Combine(work.FullName, "nope"))).Message
        );
        Assert.Contains("no submissions", Assert.Throws<KitException>(() => Submission.Discover(work.FullName)).Message);

        Directory.CreateDirectory(Path.Combine(work.FullName, "alice"));
        File.WriteAllText(Path.Combine(work.FullName, "alice.zip"), "");
        Assert.Contains("alice appears twice", Assert.Throws<KitException>(() => Submission.Discover(work.FullName)).Message);

        File.Delete(Path.Combine(work.FullName, "alice.zip"));
        File.WriteAllText(Path.Combine(work.FullName, "grades.xlsx"), "");
        Assert.Contains("not a submission", Assert.Throws<KitException>(() => Submission.Discover(work.FullName)).Message);
    }

    [Fact]
    public void A_gradebook_round_trips_and_shards_merge_but_never_overlap()
    {
        var max = new Dictionary<string, int> { ["01-a"] = 10, ["02-b"] = 5 };
        Gradebook Book(params (string Id, int? A, int? B, string Note)[] rows) =>
            new(
                ["01-a", "02-b"],
                max,
                [.. rows.Select(r => new GradebookRow(r.Id, new Dictionary<string, int?> { ["01-a"] = r.A, ["02-b"] = r.B }, r.Note))]
            );

        var first = Book(("bob", 10, 5, ""), ("alice", 3, null, "02-b does not build, \"oops\""));
        var csv = first.ToCsv();
        Assert.Equal("student,01-a,02-b,total,max,note\nalice,3,,3,15,\"02-b does not build, \"\"oops\"\"\"\nbob,10,5,15,15,\n", csv);
        Assert.Equal(csv, Gradebook.Parse(csv, "first", max).ToCsv());

        var merged = Gradebook.Merge([("first", first), ("second", Book(("carol", 1, 1, "")))]);
        Assert.Equal(["alice", "bob", "carol"], merged.Rows.Select(r => r.StudentId).Order());
        Assert.Contains(
            "bob is in both",
            Assert.Throws<KitException>(() => Gradebook.Merge([("first", first), ("again", Book(("bob", 0, 0, "")))])).Message
        );
        Assert.Contains("not a gradebook", Assert.Throws<KitException>(() => Gradebook.Parse("name,score\n", "x.csv", max)).Message);
    }

    [Fact]
    public void A_result_is_shared_only_between_submissions_whose_code_ran_alike_in_the_producing_process()
    {
        var exercises = Kit.Catalog.Exercises;
        var shared = exercises.First(e => !e.MeasuresSpeed);
        var own = exercises.First(e => e.MeasuresSpeed);
        var honest = exercises.ToDictionary(e => e.Id, e => "stub of " + e.Id);
        var thief = new Dictionary<string, string>(honest) { [exercises.Last(e => !e.MeasuresSpeed).Id] = "hostile" };

        // In a shared grader process the thief's untouched exercise ran beside hostile code: never the same key.
        Assert.NotEqual(
            BatchGrader.ProcessContent(shared, exercises, honest, sharedProcess: true),
            BatchGrader.ProcessContent(shared, exercises, thief, sharedProcess: true)
        );
        // In a process of its own, it ran nothing else.
        Assert.Equal(
            BatchGrader.ProcessContent(shared, exercises, honest, sharedProcess: false),
            BatchGrader.ProcessContent(shared, exercises, thief, sharedProcess: false)
        );
        Assert.Equal(
            BatchGrader.ProcessContent(own, exercises, honest, sharedProcess: true),
            BatchGrader.ProcessContent(own, exercises, thief, sharedProcess: true)
        );
    }
}
