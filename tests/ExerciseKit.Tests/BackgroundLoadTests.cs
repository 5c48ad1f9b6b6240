using System.Diagnostics;
using ExerciseKit.Grading;
using Xunit;

namespace ExerciseKit.Tests;

/// <summary>
/// What graders that time code learn about the rest of the machine: another program's busy core shows, the grader's
/// own work does not. Run alone, after the other tests: their work would show as well.
/// </summary>
[Collection(nameof(BackgroundLoadTests))]
[CollectionDefinition(nameof(BackgroundLoadTests), DisableParallelization = true)]
public sealed class BackgroundLoadTests
{
    private static readonly TimeSpan Busy = TimeSpan.FromMilliseconds(800);

    [Fact]
    public void The_graders_own_busy_thread_is_not_other_work()
    {
        // Other programs on the machine (a session's own helpers, an IDE) show as other work, rightly: wait for a quiet
        // moment to measure in, and say so if none comes — a measurement the machine could not make is no failure.
        var waited = Stopwatch.StartNew();
        while (!IsQuiet())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                Assert.Skip("other programs kept the machine busy for 30 s: not measured");
            }
        }
        var others = BackgroundLoad.Watch();
        Assert.NotNull(others);

        var spin = Stopwatch.StartNew();
        while (spin.Elapsed < Busy) { }

        Assert.InRange(others.Share()!.Value, 0, 0.25); // its own busy core would read about 0.5
    }

    private static bool IsQuiet()
    {
        var others = BackgroundLoad.Watch();
        Thread.Sleep(TimeSpan.FromMilliseconds(300));
        return others?.Share() < 0.1;
    }

    [Fact]
    public async Task Another_programs_busy_core_is_other_work()
    {
        // Started through a shell that exits at once: the spinner is no descendant of this process.
        using var launcher = Process.Start(
            new ProcessStartInfo("/bin/sh", ["-c", "sh -c 'while :; do :; done' > /dev/null 2>&1 & echo $!"])
            {
                RedirectStandardOutput = true,
            }
        )!;
        var spinner = int.Parse(launcher.StandardOutput.ReadLine()!, System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken); // started and spinning
            var others = BackgroundLoad.Watch();
            Assert.NotNull(others);

            await Task.Delay(Busy, TestContext.Current.CancellationToken);

            // One core of the machine's: a half of two.
            Assert.InRange(others.Share()!.Value, 0.35 / (Environment.ProcessorCount / 2.0), 1);
        }
        finally
        {
            Process.GetProcessById(spinner).Kill();
        }
    }

    /// <summary>The subject that runs the learner's code is the judge's child: its busy core is the grade's own work.</summary>
    [Fact]
    public async Task A_child_process_s_busy_core_is_not_other_work()
    {
        using var spinner = Process.Start("/bin/sh", ["-c", "while :; do :; done"]);
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
            var waited = Stopwatch.StartNew();
            while (!IsQuiet())
            {
                if (waited.Elapsed > TimeSpan.FromSeconds(30))
                {
                    Assert.Skip("other programs kept the machine busy for 30 s: not measured");
                }
            }
            var others = BackgroundLoad.Watch();
            Assert.NotNull(others);

            await Task.Delay(Busy, TestContext.Current.CancellationToken);

            Assert.InRange(others.Share()!.Value, 0, 0.25); // counted as other work, it would read about 0.5
        }
        finally
        {
            spinner.Kill();
        }
    }
}
