using System.Diagnostics;
using System.Text.Json;

namespace ExerciseKit.Host;

/// <summary>
/// Follows xunit's JSON progress stream (-reporter json) to know which test is running and for how long, and
/// kills the grader process when one test overruns its limit. Only the judge writes to this stream (the learner's code
/// runs in the subject), but the verdicts come from the result file, which xunit writes once the run is over.
/// Time the host itself keeps a test waiting (for its machine turn: <see cref="Pause"/>) does not count, against the
/// test's limit nor against the run's (<see cref="LimitRun"/>).
/// </summary>
internal sealed class TestWatchdog : IDisposable
{
    private readonly TimeSpan limit;
    private readonly CancellationTokenSource kill = new();
    private readonly Timer timer;
    private readonly object gate = new();
    private readonly Dictionary<string, (string Name, Stopwatch Clock)> running = new(StringComparer.Ordinal); // by test id: graders may run tests in parallel
    private readonly Stopwatch paused = new();
    private Stopwatch? run;
    private TimeSpan runLimit;
    private int pauses;

    public TestWatchdog(TimeSpan limit)
    {
        this.limit = limit;
        timer = new Timer(_ => Check(), null, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200));
    }

    public CancellationToken Kill => kill.Token;

    /// <summary>The test that was running when the watchdog fired, or null if it never did.</summary>
    public string? TimedOutTest { get; private set; }

    /// <summary>True if the watchdog fired because the whole run took longer than <see cref="LimitRun"/> allowed.</summary>
    public bool RunOverran { get; private set; }

    /// <summary>How long the host has kept the run's tests waiting so far.</summary>
    public TimeSpan KeptWaiting
    {
        get
        {
            lock (gate)
            {
                return paused.Elapsed;
            }
        }
    }

    /// <summary>From now on, also kills the run once it has taken <paramref name="limit"/>, not counting pauses.</summary>
    public void LimitRun(TimeSpan limit)
    {
        lock (gate)
        {
            runLimit = limit;
            run = new Stopwatch();
            if (pauses == 0)
            {
                run.Start();
            }
        }
    }

    public void OnOutputLine(string line)
    {
        if (!line.StartsWith("{\"$type\":\"test-", StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            using var message = JsonDocument.Parse(line);
            var type = message.RootElement.GetProperty("$type").GetString();
            if (!message.RootElement.TryGetProperty("TestUniqueID", out var id) || id.GetString() is not { } test)
            {
                return;
            }
            lock (gate)
            {
                if (type == "test-starting" && message.RootElement.TryGetProperty("TestDisplayName", out var name))
                {
                    var clock = new Stopwatch();
                    if (pauses == 0)
                    {
                        clock.Start();
                    }
                    running[test] = (name.GetString() ?? test, clock);
                }
                else if (type == "test-finished")
                {
                    running.Remove(test);
                }
            }
        }
        catch (JsonException)
        {
            // Not one of xunit's messages (learner output that looks like one): ignore it.
        }
    }

    /// <summary>Stops every test's clock until the result is disposed: the host, not the test, is making it wait.</summary>
    public IDisposable Pause()
    {
        lock (gate)
        {
            if (pauses++ == 0)
            {
                foreach (var test in running.Values)
                {
                    test.Clock.Stop();
                }
                run?.Stop();
                paused.Start();
            }
        }
        return new Paused(this);
    }

    private void Resume()
    {
        lock (gate)
        {
            if (--pauses == 0)
            {
                foreach (var test in running.Values)
                {
                    test.Clock.Start();
                }
                run?.Start();
                paused.Stop();
            }
        }
    }

    private sealed class Paused(TestWatchdog watchdog) : IDisposable
    {
        private int resumed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref resumed, 1) == 0)
            {
                watchdog.Resume();
            }
        }
    }

    private void Check()
    {
        lock (gate)
        {
            var late = running.Values.Where(r => r.Clock.Elapsed > limit).OrderByDescending(r => r.Clock.Elapsed).Select(r => r.Name);
            if (TimedOutTest is null && !RunOverran && late.FirstOrDefault() is { } overran)
            {
                TimedOutTest = overran;
                kill.Cancel();
            }
            else if (TimedOutTest is null && !RunOverran && run?.Elapsed > runLimit)
            {
                RunOverran = true;
                kill.Cancel();
            }
        }
    }

    public void Dispose()
    {
        timer.Dispose();
        kill.Dispose();
    }
}
