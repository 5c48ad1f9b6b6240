using System.Diagnostics;
using ExerciseKit.Exercises.LoadingStages;

// Exercise 04's loaders measured side by side in one run; every figure is a median of interleaved rounds, and
// ratios compare configurations measured in the same run (never absolute times across runs or machines).
const int Rounds = 5;

var cpuBound = new SyntheticBatches(seed: 1, count: 32, shape: [32, 32], work: 3000);
await DrainAsync(new ThreadedLoader(cpuBound, 1, 4)); // warm-up: JIT, thread pool
var byWorkers = new Dictionary<int, List<double>>
{
    [1] = [],
    [2] = [],
    [4] = [],
};
for (var round = 0; round < Rounds; round++)
{
    foreach (var workers in round % 2 == 0 ? new[] { 1, 2, 4 } : [4, 2, 1])
    {
        byWorkers[workers].Add(await DrainAsync(new ThreadedLoader(cpuBound, workers, capacity: 8)));
    }
}
Console.WriteLine($"ThreadedLoader, {cpuBound.Count} CPU-bound batches, {Environment.ProcessorCount} cores, median of {Rounds}:");
foreach (var (workers, times) in byWorkers)
{
    Console.WriteLine(
        $"  {workers} worker(s)  {Median(times), 7:0.0} ms   speed-up over 1 worker {Median(byWorkers[1]) / Median(times), 5:0.00}×"
    );
}

// The pipe: 1 MB batches with no decoding work, so the cost is process start, framing and copying.
var command = new WorkerCommand(Seed: 2, Count: 32, Shape: [4, 256, 256], Work: 0);
var inProcess = new List<double>();
var overPipe = new List<double>();
await DrainAsync(new ProcessLoader(command)); // warm-up
for (var round = 0; round < Rounds; round++)
{
    inProcess.Add(await DrainAsync(new ThreadedLoader(command.CreateSource(), 1, 4)));
    overPipe.Add(await DrainAsync(new ProcessLoader(command)));
}
var megabytes = command.Count * 4.0 * Batch.CountOf(command.Shape) / (1 << 20);
Console.WriteLine($"{command.Count} batches of 1 MB ({megabytes:0} MB), median of {Rounds}:");
Console.WriteLine($"  ThreadedLoader, 1 worker  {Median(inProcess), 7:0.0} ms   {megabytes / Median(inProcess) * 1000, 6:0} MB/s");
Console.WriteLine($"  ProcessLoader             {Median(overPipe), 7:0.0} ms   {megabytes / Median(overPipe) * 1000, 6:0} MB/s");
Console.WriteLine(
    $"  the process boundary costs {Median(overPipe) / Median(inProcess):0.00}× the in-process time (process start included)"
);

static async Task<double> DrainAsync(IBatchLoader loader)
{
    var clock = Stopwatch.StartNew();
    await using (loader)
    {
        await foreach (var _ in loader.ReadAllAsync()) { }
    }
    return clock.Elapsed.TotalMilliseconds;
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
