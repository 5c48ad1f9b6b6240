using System.Diagnostics;
using ExerciseKit.Host;
using ExerciseKit.Host.Classroom;
using Xunit;

namespace ExerciseKit.Tests.Classroom;

/// <summary>
/// A measurement the machine could not make is not the student's failure: the reference answer graded while other
/// programs keep every core busy is "needs regrade", not a point short, and `--regrade-unmeasured` on a quiet machine
/// gives it full marks. Runs alone, after the other tests, whose work would keep the machine busy too.
/// </summary>
[Collection(nameof(UnmeasuredRegradeTests))]
[CollectionDefinition(nameof(UnmeasuredRegradeTests), DisableParallelization = true)]
[Trait(Tiers.Name, Tiers.Full)]
public sealed class UnmeasuredRegradeTests
{
    private const string Exercise = "04-threads-vs-processes";

    [Fact]
    public async Task A_busy_machine_leaves_the_speed_up_unmeasured_and_a_quiet_regrade_gives_the_points()
    {
        var work = Directory.CreateTempSubdirectory("ek-busy-");
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(work.FullName, "class", "reference", "exercises", Exercise)).FullName;
            foreach (var file in Directory.GetFiles(Path.Combine(Kit.Layout.Solutions, Exercise)))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }
            var submissions = Submission.Discover(Path.Combine(work.FullName, "class"));
            var options = new BatchOptions(
                Path.Combine(work.FullName, "out"),
                [Kit.Exercise(Exercise)],
                GradingIsolation.Unsandboxed(),
                Workers: 1
            );
            var max = Kit.Exercise(Exercise).MaxPoints;
            var log = new List<string>();
            Task<Gradebook> Grade(BatchOptions with) =>
                GradedExercises.OneAtATime(() =>
                    new BatchGrader(Kit.Catalog, with).RunAsync(submissions, log.Add, TestContext.Current.CancellationToken)
                );

            // The slot is built on a quiet machine (into another output folder): only the grade is to be disturbed.
            await Grade(options with { OutputFolder = Path.Combine(work.FullName, "warm-up") });
            Gradebook busy;
            using (BusyMachine.Start())
            {
                busy = await Grade(options);
            }
            var row = busy.Rows.Single();
            Assert.True(row.Note.StartsWith(BatchGrader.NeedsRegrade, StringComparison.Ordinal), string.Join("\n", log));
            Assert.Equal(max - 1, row.Total); // the speed-up's point, not yet earned, not lost either

            var rerun = await Grade(options);
            Assert.Contains("unchanged, not regraded", rerun.Rows.Count == 1 ? log[^1] : "");
            Assert.Equal(busy.ToCsv(), rerun.ToCsv());

            var regraded = await Grade(options with { RegradeUnmeasured = true });
            Assert.True(regraded.Rows.Single().Total == max, string.Join("\n", log));
            Assert.DoesNotContain(BatchGrader.NeedsRegrade, regraded.Rows.Single().Note, StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>One busy process per core until disposed, as another job on the machine would be.</summary>
    private sealed class BusyMachine : IDisposable
    {
        private readonly List<Process> spinners;

        private BusyMachine(List<Process> spinners) => this.spinners = spinners;

        public static BusyMachine Start() =>
            new([.. Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Process.Start("sh", ["-c", "while :; do :; done"])!)]);

        public void Dispose()
        {
            foreach (var spinner in spinners)
            {
                spinner.Kill();
                spinner.WaitForExit();
                spinner.Dispose();
            }
        }
    }
}
