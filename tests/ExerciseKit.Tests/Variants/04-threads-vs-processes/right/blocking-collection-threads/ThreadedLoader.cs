using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace ExerciseKit.Exercises.LoadingStages;

/// <summary>
/// Dedicated threads, one bounded BlockingCollection per thread: thread w loads w, w + workers, …; the consumer
/// takes from the collections in turn. Add blocks while a collection is full, which is the backpressure.
/// </summary>
public sealed class ThreadedLoader : IBatchLoader
{
    private readonly IBatchSource source;
    private readonly int workers;
    private readonly int perThread;
    private readonly CancellationTokenSource shutdown = new();
    private readonly List<Thread> threads = new();
    private bool used;

    public ThreadedLoader(IBatchSource source, int workers, int capacity)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (workers < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(workers), workers, "at least one worker");
        }
        if (capacity < workers)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be at least the number of workers");
        }
        this.source = source;
        this.workers = workers;
        perThread = capacity / workers;
    }

    public async IAsyncEnumerable<Batch> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        lock (threads)
        {
            if (used)
            {
                throw new InvalidOperationException("read once");
            }
            used = true;
        }
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown.Token);
        var token = linked.Token;
        var queues = new BlockingCollection<Batch>[workers];
        var failures = new ExceptionDispatchInfo?[workers];
        for (var w = 0; w < workers; w++)
        {
            var lane = w;
            queues[lane] = new BlockingCollection<Batch>(new ConcurrentQueue<Batch>(), perThread);
            var thread = new Thread(() =>
            {
                try
                {
                    for (var index = lane; index < source.Count; index += workers)
                    {
                        queues[lane].Add(source.Load(index, token), token);
                    }
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested) { }
                catch (Exception error)
                {
                    failures[lane] = ExceptionDispatchInfo.Capture(error);
                }
                finally
                {
                    queues[lane].CompleteAdding();
                }
            })
            {
                IsBackground = true,
                Name = $"loader-{lane}",
            };
            lock (threads)
            {
                threads.Add(thread);
            }
            thread.Start();
        }

        try
        {
            for (var index = 0; index < source.Count; index++)
            {
                var lane = index % workers;
                var queue = queues[lane];
                // Take blocks, so wait for it on the pool rather than on the consumer's thread.
                var (found, batch) = await Task.Run(
                    () => queue.TryTake(out var b, Timeout.Infinite, token) ? (true, b) : (false, null!),
                    token
                );
                if (!found)
                {
                    token.ThrowIfCancellationRequested();
                    failures[lane]?.Throw();
                    throw new InvalidOperationException($"worker {lane} ended without batch {index}");
                }
                yield return batch;
            }
        }
        finally
        {
            await linked.CancelAsync();
            await JoinAll();
            foreach (var queue in queues)
            {
                queue.Dispose();
            }
        }
    }

    private Task JoinAll()
    {
        Thread[] snapshot;
        lock (threads)
        {
            snapshot = threads.ToArray();
        }
        return Task.Run(() =>
        {
            foreach (var thread in snapshot)
            {
                thread.Join();
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (!shutdown.IsCancellationRequested)
        {
            await shutdown.CancelAsync();
        }
        await JoinAll();
    }
}
