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
[Trait(Tiers.Name, Tiers.Full)]
public sealed class BatchGradingTests(GradedExercises graded, BatchGradingTests.GradedClass run)
    : IClassFixture<BatchGradingTests.GradedClass>,
        IAsyncLifetime
{
    private const string Exercise = "01-logistic-regression";

    private DirectoryInfo work => run.Work;

    private Gradebook book => run.Book!;

    private ExerciseResult solved => run.Solved!;

    private List<string> progress => run.Progress;

    private string Class => Path.Combine(work.FullName, "class");

    private string Out => Path.Combine(work.FullName, "out");

    /// <summary>The class, graded once for all the tests here.</summary>
    public sealed class GradedClass : IDisposable
    {
        private readonly SemaphoreSlim once = new(1, 1);

        public DirectoryInfo Work { get; } = Directory.CreateTempSubdirectory("ek-class-");

        public Gradebook? Book { get; set; }

        public ExerciseResult? Solved { get; set; }

        public List<string> Progress { get; } = [];

        public async Task GradeOnceAsync(Func<Task> grade)
        {
            await once.WaitAsync();
            try
            {
                if (Book is null)
                {
                    await grade();
                }
            }
            finally
            {
                once.Release();
            }
        }

        // .NET cannot name a file whose name is not UTF-8 (it reads it as U+FFFD): rm can.
        public void Dispose()
        {
            using var remove = System.Diagnostics.Process.Start("rm", ["-rf", "--", Work.FullName])!;
            remove.WaitForExit();
            once.Dispose();
        }
    }

    public ValueTask InitializeAsync() => new(run.GradeOnceAsync(GradeClassAsync));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task GradeClassAsync()
    {
        var solution = Path.Combine(Kit.Layout.Solutions, Exercise);
        Student("solved", Directory.GetFiles(solution).ToDictionary(f => Path.GetFileName(f), File.ReadAllText));
        Student("untouched", []);
        run.Solved = await graded.OnSolutionAsync(Exercise);
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
        HandInsThatLinkToTheSolutions(solution);
        HandInsWithUnsafeNames(solution);
        Student("results-corrupter", new() { ["BinaryLogistic.cs"] = HostileSubmissions.ResultsCorrupter });
        Environment.SetEnvironmentVariable(HostSecret, "s3cr3t"); // as a CI runner's token would be
        Student("environment-reader", new() { ["BinaryLogistic.cs"] = HostileSubmissions.EnvironmentReader(HostSecret) });
        Student("temp-filler", new() { ["BinaryLogistic.cs"] = HostileSubmissions.TempFiller });
        Student("disk-filler", new() { ["BinaryLogistic.cs"] = HostileSubmissions.DiskFiller });

        var sandbox = Sandbox.Detect(out var problem) ?? throw new InvalidOperationException($"these tests need the sandbox: {problem}");
        var options = new BatchOptions(
            Out,
            [Kit.Exercise(Exercise)],
            GradingIsolation.Sandboxed(sandbox, memoryBytes: 1L << 30),
            Workers: 1
        );
        run.Book = await GradedExercises.OneAtATime(() =>
            new BatchGrader(Kit.Catalog, options).RunAsync(Submission.Discover(Class), progress.Add, CancellationToken.None)
        );
    }

    [Fact]
    public void The_honest_students_get_their_points()
    {
        Assert.True(Points("solved") == Kit.Exercise(Exercise).MaxPoints, string.Join("\n", progress));
        Assert.Equal(0, Points("untouched"));
        Assert.Equal(22, book.Rows.Count);
        Assert.Equal(Kit.Exercise(Exercise).MaxPoints, Points("bundled")); // handed in as a git bundle
    }

    [Fact]
    public void Links_to_the_solutions_are_never_followed_at_any_depth()
    {
        foreach (var student in new[] { "linked-exercise", "linked-exercises-folder", "linked-in-bundle" })
        {
            Assert.True(Points(student) == 0, $"{student}: {Points(student)} points\n{Feedback(student)}");
            Assert.Contains("a symbolic link, not followed", Feedback(student));
        }
    }

    [Fact]
    public void Names_that_are_not_plain_text_are_skipped_escaped_and_never_stop_the_batch()
    {
        foreach (var student in new[] { "nul-in-zip", "odd-names" })
        {
            Assert.True(Points(student) == Kit.Exercise(Exercise).MaxPoints, $"{student}: {Note(student)}\n{Feedback(student)}");
            Assert.Contains("not valid UTF-8 or holds control characters", Feedback(student));
        }
        var lines = Feedback("odd-names").Split('\n');
        Assert.DoesNotContain(lines, l => l.StartsWith("Total: 90", StringComparison.Ordinal));
        Assert.Contains("\\u000A", Feedback("odd-names")); // the newline of the name, shown as an escape
    }

    /// <summary>The judge's result file is out of the subject's reach: the attack changes nothing, the right sigmoid still counts.</summary>
    [Fact]
    public void The_results_file_is_out_of_reach_of_the_learners_code()
    {
        Assert.True(Points("results-corrupter") > 0, Feedback("results-corrupter"));
        Assert.DoesNotContain("no result", Feedback("results-corrupter"));
    }

    [Fact]
    public void The_sandbox_starts_without_the_hosts_environment()
    {
        Assert.Equal(0, Points("environment-reader"));
        Assert.Contains("no host secret is visible from here", Feedback("environment-reader"));
    }

    [Fact]
    public void Temp_space_and_the_run_folder_are_capped()
    {
        Assert.Equal(0, Points("temp-filler"));
        Assert.Contains("No space left on device", Feedback("temp-filler"));
        Assert.Equal(0, Points("disk-filler"));
        // The judge's run folder is not in the sandbox: the run folder seen there is part of the sandbox's capped /tmp.
        Assert.Contains("No space left on device", Feedback("disk-filler"));
    }

    [Fact]
    public void A_forged_result_file_earns_nothing()
    {
        Assert.Equal(0, Points("forger"));
        Assert.Contains("not implemented", Feedback("forger"));
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
        // Each group hands in the same files (the solution, the untouched stub, the NaN answer) in different ways; which
        // of a group is graded first depends on the queue (largest hand-ins first), the others share its result.
        var shared = progress
            .Where(l => l.Contains("1 exercise(s) identical to a submission graded before", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1])
            .ToHashSet();
        string[][] groups =
        [
            ["solved", "bundled", "nul-in-zip", "odd-names"],
            ["untouched", "linked-exercise", "linked-exercises-folder", "linked-in-bundle"],
            ["not-a-number", "tamperer"],
        ];
        foreach (var group in groups)
        {
            Assert.Equal(group.Length - 1, group.Count(shared.Contains));
            Assert.Single(group.Select(Points).Distinct());
        }
        Assert.Equal(groups.Sum(g => g.Length - 1), shared.Count);
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

    private const string HostSecret = "CLASSROOM_TOKEN_FOR_THE_KITS_TESTS";

    // A folder, a folder's parent and a git checkout, each a link (absolute or relative) into the host's solutions.
    private void HandInsThatLinkToTheSolutions(string solution)
    {
        var absolute = Directory.CreateDirectory(Path.Combine(Class, "linked-exercise", "exercises")).FullName;
        File.CreateSymbolicLink(Path.Combine(absolute, Exercise), solution);
        var relative = Directory.CreateDirectory(Path.Combine(Class, "linked-exercises-folder")).FullName;
        File.CreateSymbolicLink(Path.Combine(relative, "exercises"), Path.GetRelativePath(relative, Kit.Layout.Solutions));

        var repository = Directory.CreateDirectory(Path.Combine(work.FullName, "repositories", "linked-in-bundle")).FullName;
        Directory.CreateDirectory(Path.Combine(repository, "exercises"));
        File.CreateSymbolicLink(Path.Combine(repository, "exercises", Exercise), solution);
        Git(repository, "init", "--quiet");
        Git(repository, "add", ".");
        Git(repository, "-c", "user.name=student", "-c", "user.email=student@example.com", "commit", "--quiet", "-m", "hand-in");
        Git(repository, "bundle", "create", Path.Combine(Class, "linked-in-bundle.bundle"), "--all");
    }

    // The solution, beside entries whose names hold a NUL byte, invalid UTF-8 or a line break that reads like a total.
    private void HandInsWithUnsafeNames(string solution)
    {
        using (var zip = ZipFile.Open(Path.Combine(Class, "nul-in-zip.zip"), ZipArchiveMode.Create))
        {
            foreach (var file in Directory.GetFiles(solution))
            {
                zip.CreateEntryFromFile(file, $"exercises/{Exercise}/{Path.GetFileName(file)}");
            }
            using var odd = new StreamWriter(zip.CreateEntry($"exercises/{Exercise}/notes\0.txt").Open());
            odd.Write("a NUL byte in the name");
        }
        Student("odd-names", Directory.GetFiles(solution).ToDictionary(f => Path.GetFileName(f), File.ReadAllText));
        var folder = Path.Combine(Class, "odd-names", "exercises", Exercise);
        File.WriteAllText(Path.Combine(folder, "notes\nTotal: 90 of 90.md"), "a line break in the name");
        using var touch = System.Diagnostics.Process.Start("bash", ["-c", "touch \"$1\"/$'latin1-\\xe9t\\xe9.txt'", "touch", folder])!;
        touch.WaitForExit();
        Assert.Equal(0, touch.ExitCode);
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
