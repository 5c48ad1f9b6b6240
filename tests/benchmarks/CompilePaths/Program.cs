using System.Diagnostics;
using System.Globalization;
using ExerciseKit.Host;

// The two compile paths of a warm grade (graders/docs/architecture.md, "Two compile paths"), run alternately on the
// compile plan the last grade of the reference answers recorded: the same arguments, the same server, the same files.
var id = args.Length > 0 ? args[0] : "04-threads-vs-processes";
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
var layout = KitLayout.Find(Environment.CurrentDirectory);
var plan = CompilePlan.Load(CompilePlan.PathFor(layout, CodeSource.Solutions.ArtifactsKey, id));
if (plan is null)
{
    Console.Error.WriteLine(
        $"error: no compile plan for {id}: run `dotnet run --project graders/engine/ExerciseKit.Cli -- check {id} --source solutions` first."
    );
    return 2;
}

var limit = TimeSpan.FromMinutes(2);

async Task<bool> DirectAsync() =>
    await CompilerServerClient.TryCompileAsync(plan.Compiler, plan.Arguments, plan.ProjectDirectory, limit, CancellationToken.None)
        is { ExitCode: 0 };

async Task<bool> CscSharedAsync() =>
    await CompilerServerClient.CompileWithCscAsync(plan.Compiler, plan.Arguments, plan.ProjectDirectory, limit, CancellationToken.None)
        is { ExitCode: 0 };

// Both warm: csc /shared starts the kit's server if none runs, and the first compile of a server loads the references.
if (!await CscSharedAsync() || !await DirectAsync())
{
    Console.Error.WriteLine("A warm-up compile failed (or the server refused the direct request): nothing to compare.");
    return 1;
}

var timings = new Dictionary<string, List<(double Wall, double Cpu)>> { ["direct request"] = [], ["csc /shared"] = [] };
for (var round = 0; round < rounds; round++)
{
    foreach (var (name, compile) in new[] { ("direct request", (Func<Task<bool>>)DirectAsync), ("csc /shared", CscSharedAsync) })
    {
        var cpuBefore = CpuSeconds();
        var clock = Stopwatch.StartNew();
        if (!await compile())
        {
            Console.Error.WriteLine($"{name}: the compile failed in round {round + 1}.");
            return 1;
        }
        timings[name].Add((clock.Elapsed.TotalSeconds, CpuSeconds() - cpuBefore));
    }
}

Console.WriteLine(
    $"{id}: {rounds} interleaved rounds, medians (CPU: this process and the csc client it waited for; the server's is the same work either way)"
);
foreach (var (name, samples) in timings)
{
    Console.WriteLine(
        string.Create(
            CultureInfo.InvariantCulture,
            $"  {name, -15} wall {Median(samples.Select(s => s.Wall)):F3} s   CPU {Median(samples.Select(s => s.Cpu)):F3} s"
        )
    );
}
var direct = timings["direct request"];
var shared = timings["csc /shared"];

// CPU as a difference: the direct request's own share is below the 10 ms resolution of the kernel's counters.
Console.WriteLine(
    string.Create(
        CultureInfo.InvariantCulture,
        $"  csc /shared against the direct request: {Median(shared.Select(s => s.Wall)) / Median(direct.Select(s => s.Wall)):F2}× the wall time, {Median(shared.Select(s => s.Cpu)) - Median(direct.Select(s => s.Cpu)):F3} CPU-s more per compile"
    )
);
return 0;

// utime + stime of this process and of the children it has waited for, from /proc/self/stat (clock ticks of 1/100 s).
static double CpuSeconds()
{
    var stat = File.ReadAllText("/proc/self/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return Enumerable.Range(11, 4).Sum(i => double.Parse(fields[i], CultureInfo.InvariantCulture)) / 100;
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
