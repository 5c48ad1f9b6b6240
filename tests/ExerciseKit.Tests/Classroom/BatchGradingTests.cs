using System.IO.Compression;
using ExerciseKit.Host;
using ExerciseKit.Host.Classroom;
using Xunit;

namespace ExerciseKit.Tests.Classroom;

/// <summary>
/// A small class graded like a real one — in the sandbox, with the instructor's graders — where most students attack
/// the grading. Each attack must end with the right score and a clear note, and the rest of the class must be graded
/// normally.
/// </summary>
public sealed class BatchGradingTests(GradedExercises graded) : IAsyncLifetime
{
    private const string Exercise = "01-logistic-regression";
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("ek-class-");
    private Gradebook book = null!;
    private ExerciseResult solved = null!;
    private readonly List<string> progress = [];

    private string Class => Path.Combine(work.FullName, "class");

    private string Out => Path.Combine(work.FullName, "out");

    public async ValueTask InitializeAsync()
    {
        var solution = Path.Combine(Kit.Layout.Solutions, Exercise);
        Student("solved", Directory.GetFiles(solution).ToDictionary(f => Path.GetFileName(f), File.ReadAllText));
        Student("untouched", []);
        solved = await graded.OnSolutionAsync(Exercise);
        Student("forger", new() { ["BinaryLogistic.cs"] = HostileSubmissions.Forger(solved.Tests.Select(t => t.Test.Name)) });
        Student("memory-hog", new() { ["BinaryLogistic.cs"] = HostileSubmissions.MemoryHog });
        Student("fork-bomb", new() { ["BinaryLogistic.cs"] = HostileSubmissions.ForkBomb });
        Student(
            "solution-reader",
            new() { ["BinaryLogistic.cs"] = HostileSubmissions.SolutionReader(Path.Combine(solution, "BinaryLogistic.cs")) }
        );
        Student("networker", new() { ["BinaryLogistic.cs"] = HostileSubmissions.Networker });
        Student("not-a-number", new() { ["BinaryLogistic.cs"] = HostileSubmissions.NotANumber });
        Student("stack-overflow", new() { ["BinaryLogistic.cs"] = HostileSubmissions.StackOverflow });
        Bundle("bundled", Directory.GetFiles(solution).ToDictionary(f => Path.GetFileName(f), File.ReadAllText));
        // The solved student's files again, with a copy of the graders and a workflow that would pass everything.
        Student(
            "tamperer",
            new()
            {
                ["BinaryLogistic.cs"] = HostileSubmissions.NotANumber,
                ["../../graders/01-logistic-regression/SigmoidGraders.cs"] = "// every grader removed",
                ["../../.github/workflows/classroom.yml"] = "run: echo 100 points",
            }
        );
        using (var zip = ZipFile.Open(Path.Combine(Class, "zip-slipper.zip"), ZipArchiveMode.Create))
        {
            zip.CreateEntry($"exercises/{Exercise}/BinaryLogistic.cs").Open().Dispose();
            using var escape = new StreamWriter(zip.CreateEntry("../../outside.txt").Open());
            escape.Write("written outside the submission");
        }
        ZipFile.Open(Path.Combine(Class, "empty.zip"), ZipArchiveMode.Create).Dispose();

        var sandbox = Sandbox.Detect(out var problem) ?? throw new InvalidOperationException($"these tests need the sandbox: {problem}");
        var options = new BatchOptions(
            Out,
            [Kit.Exercise(Exercise)],
            GradingIsolation.Sandboxed(sandbox, memoryBytes: 1L << 30),
            Workers: 1
        );
        book = await GradedExercises.OneAtATime(() =>
            new BatchGrader(Kit.Catalog, options).RunAsync(Submission.Discover(Class), progress.Add, CancellationToken.None)
        );
    }

    public ValueTask DisposeAsync()
    {
        work.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public void The_honest_students_get_their_points()
    {
        Assert.True(Points("solved") == Kit.Exercise(Exercise).MaxPoints, string.Join("\n", progress));
        Assert.Equal(0, Points("untouched"));
        Assert.Equal(13, book.Rows.Count);
        Assert.Equal(Kit.Exercise(Exercise).MaxPoints, Points("bundled")); // handed in as a git bundle
    }

    [Fact]
    public void A_forged_result_file_earns_nothing_and_is_named()
    {
        Assert.Equal(0, Points("forger"));
        Assert.Contains("never signed", Feedback("forger"));
    }

    [Fact]
    public void Memory_and_process_exhaustion_are_stopped_and_scored_zero_for_that_work()
    {
        Assert.Equal(0, Points("memory-hog"));
        Assert.Contains("memory", Feedback("memory-hog"));
        Assert.Equal(0, Points("fork-bomb"));
    }

    [Fact]
    public void The_sandbox_hides_the_solutions_and_the_network_is_refused_at_build_time()
    {
        Assert.Equal(0, Points("solution-reader"));
        Assert.Contains("the solutions are not visible from here", Feedback("solution-reader"));
        Assert.Equal(0, Points("networker"));
        Assert.Contains("does not build", Note("networker"));
        Assert.Contains("EK0002", Feedback("networker"));
    }

    [Fact]
    public void A_stack_overflow_takes_down_only_its_own_grading_run()
    {
        Assert.Equal(0, Points("stack-overflow"));
        Assert.Contains("ended early", Feedback("stack-overflow"));
    }

    [Fact]
    public void NaN_answers_fail_and_copies_of_graders_or_workflows_are_ignored_and_reported()
    {
        Assert.Equal(0, Points("not-a-number"));
        Assert.Equal(0, Points("tamperer"));
        Assert.Contains("ignored", Note("tamperer"));
        var feedback = Feedback("tamperer");
        Assert.Contains("graders/01-logistic-regression/SigmoidGraders.cs", feedback);
        Assert.Contains(".github/workflows/classroom.yml", feedback);
    }

    [Fact]
    public void Bad_archives_are_refused_without_writing_outside_and_the_batch_goes_on()
    {
        Assert.Contains("zip-slip", Note("zip-slipper"));
        Assert.Contains("empty", Note("empty"));
        Assert.Null(book.Rows.Single(r => r.StudentId == "empty").Points[Exercise]);
        Assert.False(File.Exists(Path.Combine(work.FullName, "outside.txt")));
        Assert.False(File.Exists(Path.Combine(Out, "outside.txt")));
    }

    [Fact]
    public void Hidden_tests_appear_only_as_a_count_in_feedback()
    {
        var hidden = solved.Tests.Where(t => t.Test.Visibility == Visibility.Hidden).ToList();
        Assert.NotEmpty(hidden);
        foreach (var student in new[] { "untouched", "not-a-number" })
        {
            var feedback = Feedback(student);
            Assert.Contains($"hidden checks: 0 of {hidden.Count} passed", feedback);
            Assert.All(hidden, t => Assert.DoesNotContain(t.Test.Name.Split('.')[^1].Replace('_', ' '), feedback));
        }
    }

    [Fact]
    public void Files_identical_to_another_students_are_graded_once_with_the_same_result()
    {
        // "bundled" hands in exactly the solved student's file (in a git bundle), "tamperer" the not-a-number one; which
        // of a pair is graded first depends on the queue (largest hand-ins first), the other one shares its result.
        var shared = progress
            .Where(l => l.Contains("1 exercise(s) identical to a submission graded before", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1])
            .ToList();
        Assert.Equal(2, shared.Count);
        Assert.Single(shared, s => s is "bundled" or "solved");
        Assert.Single(shared, s => s is "not-a-number" or "tamperer");
        Assert.Equal(Points("bundled"), Points("solved"));
        Assert.Equal(Points("not-a-number"), Points("tamperer"));
    }

    [Fact]
    public async Task A_second_run_regrades_nothing_that_did_not_change()
    {
        var again = new List<string>();
        var sandbox = Sandbox.Detect(out _)!;
        var options = new BatchOptions(Out, [Kit.Exercise(Exercise)], GradingIsolation.Sandboxed(sandbox, 1L << 30), Workers: 1);
        var second = await new BatchGrader(Kit.Catalog, options).RunAsync(Submission.Discover(Class), again.Add, CancellationToken.None);

        Assert.All(
            again.Where(l => !l.Contains("not graded", StringComparison.Ordinal)),
            l => Assert.Contains("unchanged, not regraded", l)
        );
        Assert.Equal(book.ToCsv(), second.ToCsv());
    }

    private int? Points(string student) => book.Rows.Single(r => r.StudentId == student).Points[Exercise];

    private string Note(string student) => book.Rows.Single(r => r.StudentId == student).Note;

    private string Feedback(string student) => File.ReadAllText(Path.Combine(Out, "feedback", student + ".md"));

    // A student's repository handed in as a git bundle.
    private void Bundle(string id, Dictionary<string, string> files)
    {
        var repository = Path.Combine(work.FullName, "repositories", id);
        var folder = Directory.CreateDirectory(Path.Combine(repository, "exercises", Exercise)).FullName;
        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(folder, name), text);
        }
        Git(repository, "init", "--quiet");
        Git(repository, "add", ".");
        Git(repository, "-c", "user.name=student", "-c", "user.email=student@example.com", "commit", "--quiet", "-m", "hand-in");
        Git(repository, "bundle", "create", Path.Combine(Class, id + ".bundle"), "--all");
    }

    private static void Git(string folder, params string[] arguments)
    {
        using var git = System.Diagnostics.Process.Start(
            new System.Diagnostics.ProcessStartInfo("git", ["-C", folder, .. arguments])
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            }
        )!;
        git.StandardOutput.ReadToEnd();
        var error = git.StandardError.ReadToEnd();
        git.WaitForExit();
        Assert.True(git.ExitCode == 0, $"git {string.Join(' ', arguments)}: {error}");
    }

    private void Student(string id, Dictionary<string, string> files)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Class, id, "exercises", Exercise)).FullName;
        foreach (var (name, text) in files)
        {
            var path = Path.GetFullPath(Path.Combine(folder, name));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
    }
}
