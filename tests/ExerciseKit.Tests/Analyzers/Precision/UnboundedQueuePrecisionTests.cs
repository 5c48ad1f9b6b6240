using ExerciseKit.Analyzers.Rules;
using Xunit;

namespace ExerciseKit.Tests.Analyzers;

/// <summary>EK4004 on unbounded channels whose producers a semaphore bounds, and on semaphores that bound nothing.</summary>
public sealed partial class UnboundedQueueAnalyzerTests
{
    [Fact]
    public Task A_channel_whose_writers_wait_on_a_semaphore_the_reader_releases_is_not_reported() =>
        AnalyzerHarness.VerifyAsync(
            new UnboundedQueueAnalyzer(),
            """
            using System.Runtime.CompilerServices;
            using System.Threading.Channels;

            public sealed class SlotsInFields
            {
                private readonly Channel<int> queue = Channel.CreateUnbounded<int>();
                private readonly SemaphoreSlim slots = new(8);

                public async Task ProduceAsync(int count, CancellationToken token)
                {
                    for (var i = 0; i < count; i++)
                    {
                        await slots.WaitAsync(token);
                        await queue.Writer.WriteAsync(i, token);
                    }

                    queue.Writer.Complete();
                }

                public async IAsyncEnumerable<int> ConsumeAsync([EnumeratorCancellation] CancellationToken token = default)
                {
                    await foreach (var item in queue.Reader.ReadAllAsync(token))
                    {
                        slots.Release();
                        yield return item;
                    }
                }
            }

            public static class SlotsInLocals
            {
                public static async Task<int> SumAsync(IEnumerable<int> items)
                {
                    var channel = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });
                    using var room = new SemaphoreSlim(4, 4);
                    var writer = channel.Writer;
                    var producer = Task.Run(async () =>
                    {
                        foreach (var item in items)
                        {
                            await room.WaitAsync();
                            if (!writer.TryWrite(item))
                            {
                                room.Release();
                            }
                        }

                        writer.Complete();
                    });

                    var sum = 0;
                    while (await channel.Reader.WaitToReadAsync())
                    {
                        while (channel.Reader.TryRead(out var item))
                        {
                            room.Release();
                            sum += item;
                        }
                    }

                    await producer;
                    return sum;
                }

                public static void Blocking(IEnumerable<int> items, Action<int> use)
                {
                    var channel = Channel.CreateUnbounded<int>();
                    var room = new SemaphoreSlim(2);
                    var consumer = new Thread(() =>
                    {
                        while (channel.Reader.WaitToReadAsync().AsTask().Result)
                        {
                            if (channel.Reader.TryRead(out var item))
                            {
                                room.Release();
                                use(item);
                            }
                        }
                    });
                    consumer.Start();
                    foreach (var item in items)
                    {
                        room.Wait();
                        channel.Writer.TryWrite(item);
                    }

                    channel.Writer.Complete();
                    consumer.Join();
                }
            }
            """
        );

    [Fact]
    public Task Queues_bounded_in_other_spellings_are_not_reported() =>
        AnalyzerHarness.VerifyAsync(
            new UnboundedQueueAnalyzer(),
            """
            using System.Collections.Concurrent;
            using System.Threading.Channels;

            public sealed class Spellings
            {
                private readonly Channel<int> lane = Channel.CreateUnbounded<int>();
                private readonly ChannelWriter<int> writer;
                private readonly SemaphoreSlim room = new(4);

                public Spellings() => writer = lane.Writer;

                public static Channel<int> WithOptions() =>
                    Channel.CreateBounded<int>(new BoundedChannelOptions(8) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });

                public static BlockingCollection<int> OverAQueue() => new(new ConcurrentQueue<int>(), 8);

                public static BlockingCollection<int> Positional() => new BlockingCollection<int>(8);

                public async Task ProduceAsync(IEnumerable<int> items, CancellationToken token)
                {
                    async Task OneAsync(int item)
                    {
                        await room.WaitAsync(token);
                        await writer.WriteAsync(item, token);
                    }

                    foreach (var item in items)
                    {
                        await OneAsync(item);
                    }
                }

                public async Task<int> TakeAsync(CancellationToken token)
                {
                    var item = await lane.Reader.ReadAsync(token);
                    room.Release();
                    return item;
                }
            }
            """
        );

    [Fact]
    public Task A_semaphore_that_does_not_guard_the_writes_does_not_silence_the_rule() =>
        AnalyzerHarness.VerifyAsync(
            new UnboundedQueueAnalyzer(),
            """
            using System.Threading.Channels;

            public sealed class Unrelated
            {
                private readonly Channel<int> queue = [|Channel.CreateUnbounded<int>()|];
                private readonly SemaphoreSlim gate = new(1);

                public async Task LogAsync(string line)
                {
                    await gate.WaitAsync();
                    try { Console.WriteLine(line); } finally { gate.Release(); }
                }

                public async Task ProduceAsync(int count)
                {
                    for (var i = 0; i < count; i++)
                    {
                        await queue.Writer.WriteAsync(i);
                    }
                }
            }

            public static class Misplaced
            {
                public static async Task WaitOnceBeforeTheLoop(IEnumerable<int> items)
                {
                    var channel = [|Channel.CreateUnbounded<int>()|];
                    var room = new SemaphoreSlim(4);
                    await room.WaitAsync();
                    foreach (var item in items)
                    {
                        await channel.Writer.WriteAsync(item);
                    }

                    await foreach (var item in channel.Reader.ReadAllAsync())
                    {
                        room.Release();
                    }
                }

                public static async Task NeverReleased(IEnumerable<int> items)
                {
                    var channel = [|Channel.CreateUnbounded<int>()|];
                    var room = new SemaphoreSlim(4);
                    foreach (var item in items)
                    {
                        await room.WaitAsync();
                        await channel.Writer.WriteAsync(item);
                    }
                }

                public static Channel<int> HandedOut() => [|Channel.CreateUnbounded<int>()|];

                public static async Task WaitAfterTheWrite(IEnumerable<int> items)
                {
                    var channel = [|Channel.CreateUnbounded<int>()|];
                    var room = new SemaphoreSlim(4);
                    foreach (var item in items)
                    {
                        await channel.Writer.WriteAsync(item);
                        await room.WaitAsync();
                    }

                    while (channel.Reader.TryRead(out _))
                    {
                        room.Release();
                    }
                }
            }
            """
        );
}
