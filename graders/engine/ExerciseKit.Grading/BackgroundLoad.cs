using System.Diagnostics;

namespace ExerciseKit.Grading;

/// <summary>
/// How busy the rest of the machine was while a grader timed code: a speed-up measured while another program kept a
/// core busy says nothing about the code. Counts every CPU's busy time (including time the hypervisor gave to other
/// machines) and takes this process's own share away. Linux only (/proc/stat); elsewhere nothing is known.
/// </summary>
public sealed class BackgroundLoad
{
    private const string Stat = "/proc/stat";

    private readonly Ticks start;
    private readonly TimeSpan ownStart = Environment.CpuUsage.TotalTime;
    private readonly Stopwatch clock = Stopwatch.StartNew();

    private BackgroundLoad(Ticks start) => this.start = start;

    /// <summary>Starts watching; null where the machine's CPU times cannot be read.</summary>
    public static BackgroundLoad? Watch() => Read() is { } ticks ? new BackgroundLoad(ticks) : null;

    /// <summary>
    /// The share of the machine's CPU capacity (0 to 1) that everything but this process used since <see cref="Watch"/>;
    /// null if it cannot be read now.
    /// </summary>
    public double? Share()
    {
        var elapsed = clock.Elapsed;
        var own = Environment.CpuUsage.TotalTime - ownStart;
        if (Read() is not { } end || end.Total <= start.Total || end.Cpus == 0 || elapsed <= TimeSpan.Zero)
        {
            return null;
        }
        var busy = (double)(end.Busy - start.Busy) / (end.Total - start.Total);
        var ownShare = own / (elapsed * end.Cpus);
        return Math.Clamp(busy - ownShare, 0, 1);
    }

    private readonly record struct Ticks(long Busy, long Total, int Cpus);

    // The first line sums all CPUs: user nice system idle iowait irq softirq steal (guest time is already in user).
    private static Ticks? Read()
    {
        try
        {
            var lines = File.ReadAllLines(Stat);
            var fields = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields[0] != "cpu" || fields.Length < 9)
            {
                return null;
            }
            var times = fields[1..9].Select(long.Parse).ToArray();
            var idle = times[3] + times[4];
            var cpus = lines.Count(l => l.StartsWith("cpu", StringComparison.Ordinal) && l.Length > 3 && char.IsDigit(l[3]));
            return new Ticks(times.Sum() - idle, times.Sum(), cpus);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
