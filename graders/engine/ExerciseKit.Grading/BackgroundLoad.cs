namespace ExerciseKit.Grading;

/// <summary>
/// How busy the rest of the machine was while a grader timed code: a speed-up measured while another program kept a
/// core busy says nothing about the code. Counts every CPU's busy time (including time the hypervisor gave to other
/// machines) and takes away the share of this process and the processes it started (the subject that runs the
/// learner's code, and any worker that starts). Linux only (/proc); elsewhere nothing is known.
/// </summary>
public sealed class BackgroundLoad
{
    private const string Stat = "/proc/stat";

    private readonly Ticks start;
    private readonly long ownStart;

    private BackgroundLoad(Ticks start, long ownStart) => (this.start, this.ownStart) = (start, ownStart);

    /// <summary>Starts watching; null where the machine's CPU times cannot be read.</summary>
    public static BackgroundLoad? Watch() => Read() is { } ticks && OwnTicks() is { } own ? new BackgroundLoad(ticks, own) : null;

    /// <summary>
    /// The share of the machine's CPU capacity (0 to 1) that everything but this process used since <see cref="Watch"/>;
    /// null if it cannot be read now.
    /// </summary>
    public double? Share()
    {
        if (OwnTicks() is not { } own || Read() is not { } end || end.Total <= start.Total || end.Cpus == 0)
        {
            return null;
        }
        return Math.Clamp((double)(end.Busy - start.Busy - (own - ownStart)) / (end.Total - start.Total), 0, 1);
    }

    /// <summary>
    /// CPU time (in the clock ticks of /proc/stat) of this process and its descendants, the ended ones they waited for
    /// included: utime, stime, cutime and cstime of each, from /proc/[pid]/stat.
    /// </summary>
    private static long? OwnTicks()
    {
        try
        {
            var children = new Dictionary<int, List<int>>();
            var ticks = new Dictionary<int, long>();
            foreach (var folder in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(folder), out var pid) || !TryReadStat(folder, out var parent, out var spent))
                {
                    continue;
                }
                ticks[pid] = spent;
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }
                list.Add(pid);
            }
            var total = 0L;
            var pending = new Stack<int>([Environment.ProcessId]);
            while (pending.TryPop(out var pid))
            {
                total += ticks.GetValueOrDefault(pid);
                foreach (var child in children.GetValueOrDefault(pid) ?? [])
                {
                    pending.Push(child);
                }
            }
            return total;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // "pid (name) S ppid …": the fields after the last ')' start with the state; utime is the 12th of them.
    private static bool TryReadStat(string folder, out int parent, out long spent)
    {
        (parent, spent) = (0, 0);
        try
        {
            var stat = File.ReadAllText(Path.Combine(folder, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            parent = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
            spent = fields[11..15].Sum(f => long.Parse(f, System.Globalization.CultureInfo.InvariantCulture));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return false; // the process ended while we looked
        }
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
