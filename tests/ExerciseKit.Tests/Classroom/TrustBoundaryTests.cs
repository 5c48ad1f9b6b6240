using ExerciseKit.Host;
using ExerciseKit.Host.Classroom;
using Xunit;

namespace ExerciseKit.Tests.Classroom;

/// <summary>
/// A class graded like a real one (sandbox, the instructor's graders, 01 and 02 of each student in one judge process)
/// in which students attack the boundary between the graders and their code (<see cref="BoundaryAttacks"/>). Every
/// attack earns nothing, the honest students graded before and after them get full marks, and the students whose
/// untouched 02 is byte-identical to an attacker's get exactly what an untouched 02 earns.
/// </summary>
[Trait(Tiers.Name, Tiers.Full)]
public sealed class TrustBoundaryTests(TrustBoundaryTests.GradedClass run) : IClassFixture<TrustBoundaryTests.GradedClass>, IAsyncLifetime
{
    private const string Attacked = "01-logistic-regression";
    private const string Untouched = "02-segmentation-dataset";

    private static readonly string[] Exercises = [Attacked, Untouched];

    private static readonly string[] AttackerNames =
    [
        "dynamic-thief",
        "delegate-forger",
        "serializer-forger",
        "protocol-forger",
        "grader-reader",
        "poisoner",
    ];

    public static TheoryData<string> Attackers => [.. AttackerNames];

    /// <summary>The class, graded once for all the tests here.</summary>
    public sealed class GradedClass : IDisposable
    {
        private readonly SemaphoreSlim once = new(1, 1);

        public DirectoryInfo Work { get; } = Directory.CreateTempSubdirectory("ek-boundary-");

        public Gradebook? Book { get; private set; }

        public List<string> Progress { get; } = [];

        public async Task GradeOnceAsync()
        {
            await once.WaitAsync();
            try
            {
                Book ??= await GradeAsync();
            }
            finally
            {
                once.Release();
            }
        }

        private async Task<Gradebook> GradeAsync()
        {
            var students = Path.Combine(Work.FullName, "class");
            // Names sort so that the queue (largest hand-ins first, then by name) puts honest work before and after the attacks.
            Student(students, "aa-honest", Solution(Attacked), Solution(Untouched));
            Student(students, "zz-honest", Solution(Attacked), Solution(Untouched));
            Student(students, "untouched-twin", [], []);
            Student(students, "dynamic-thief", Attack(BoundaryAttacks.DynamicThief), []);
            Student(students, "delegate-forger", Attack(BoundaryAttacks.DelegateForger), []);
            Student(students, "serializer-forger", Attack(BoundaryAttacks.SerializerForger), []);
            Student(students, "protocol-forger", Attack(BoundaryAttacks.ProtocolForger), []);
            Student(students, "grader-reader", Attack(BoundaryAttacks.GraderReader), []);
            Student(students, "poisoner", Attack(BoundaryAttacks.Poisoner), []);

            var sandbox =
                Sandbox.Detect(out var problem) ?? throw new InvalidOperationException($"these tests need the sandbox: {problem}");
            var options = new BatchOptions(
                Path.Combine(Work.FullName, "out"),
                [.. Exercises.Select(Kit.Exercise)],
                GradingIsolation.Sandboxed(sandbox),
                Workers: 1
            );
            return await GradedExercises.OneAtATime(() =>
                new BatchGrader(Kit.Catalog, options).RunAsync(Submission.Discover(students), Progress.Add, CancellationToken.None)
            );
        }

        private static Dictionary<string, string> Solution(string id) =>
            Directory.GetFiles(Path.Combine(Kit.Layout.Solutions, id)).ToDictionary(f => Path.GetFileName(f), File.ReadAllText);

        private static Dictionary<string, string> Attack(string binaryLogistic) => new() { ["BinaryLogistic.cs"] = binaryLogistic };

        private static void Student(string root, string id, Dictionary<string, string> attacked, Dictionary<string, string> untouched)
        {
            foreach (var (exercise, files) in new[] { (Attacked, attacked), (Untouched, untouched) })
            {
                var folder = Directory.CreateDirectory(Path.Combine(root, id, "exercises", exercise)).FullName;
                foreach (var name in Kit.Exercise(exercise).Editable)
                {
                    var text =
                        files.GetValueOrDefault(name) ?? File.ReadAllText(Path.Combine(Kit.Exercise(exercise).ExerciseDirectory, name));
                    File.WriteAllText(Path.Combine(folder, name), text);
                }
            }
        }

        public void Dispose()
        {
            Work.Delete(recursive: true);
            once.Dispose();
        }
    }

    public ValueTask InitializeAsync() => new(run.GradeOnceAsync());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public void Honest_students_before_and_after_the_attacks_get_full_marks()
    {
        foreach (var student in new[] { "aa-honest", "zz-honest" })
        {
            foreach (var exercise in Exercises)
            {
                Assert.True(
                    Points(student, exercise) == Kit.Exercise(exercise).MaxPoints,
                    $"{student}, {exercise}: {Points(student, exercise)} points\n{string.Join("\n", run.Progress)}\n{Feedback(student)}"
                );
            }
        }
    }

    [Theory, MemberData(nameof(Attackers))]
    public void An_attack_on_the_boundary_earns_nothing(string attacker)
    {
        Assert.True(Points(attacker, Attacked) == 0, $"{attacker}: {Points(attacker, Attacked)} points\n{Feedback(attacker)}");
        Assert.Equal(0, Points(attacker, Untouched));
    }

    /// <summary>The attacks ran to their end (each reports what it reached), so a zero is the boundary's doing, not a build error.</summary>
    [Theory, MemberData(nameof(Attackers))]
    public void Each_attack_ran_and_built(string attacker)
    {
        Assert.DoesNotContain("does not build", Note(attacker));
        if (attacker is not ("protocol-forger" or "grader-reader"))
        {
            Assert.Contains("reached:", Feedback(attacker));
        }
    }

    /// <summary>The untouched 02 of every attacker is byte-identical to the twin's: all get what an untouched 02 earns.</summary>
    [Fact]
    public void No_result_crosses_from_an_attacker_to_another_student()
    {
        Assert.Equal(0, Points("untouched-twin", Untouched));
        Assert.Equal(0, Points("untouched-twin", Attacked));
        var rows = run.Book!.Rows.Where(r => AttackerNames.Contains(r.StudentId) || r.StudentId == "untouched-twin").ToList();
        Assert.Equal(AttackerNames.Length + 1, rows.Count);
        Assert.All(rows, r => Assert.Equal(0, r.Points[Untouched]));
    }

    private int? Points(string student, string exercise) => run.Book!.Rows.Single(r => r.StudentId == student).Points[exercise];

    private string Note(string student) => run.Book!.Rows.Single(r => r.StudentId == student).Note;

    private string Feedback(string student) => File.ReadAllText(Path.Combine(run.Work.FullName, "out", "feedback", student + ".md"));
}
