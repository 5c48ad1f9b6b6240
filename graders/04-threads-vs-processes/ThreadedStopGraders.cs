using System.Runtime.CompilerServices;
using ExerciseKit.Grading;
using ExerciseKit.Grading.Boundary;
using Xunit;

namespace ExerciseKit.Graders.LoadingStages;

/// <summary>
/// Cancelling, disposing and leaving the loop early stop every worker. A class of their own, so that they run beside
/// the fault graders: a loader that fails both costs their deadlines side by side, not one after the other.
/// </summary>
public sealed class ThreadedStopGraders
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    [Fact, Graded("threaded-faults", 1)]
    public async Task Cancelling_or_disposing_stops_every_worker()
    {
        // Cancelling the consumer's token.
        // The consumer reads in the subject (a probe), at the speed of a consumer beside the loader.
        var source = Stopping.Endless(11);
        var loader = ThreadedLoader.New(source, workers: 2, capacity: 2);
        await Deadline.RunAsync(
            Limit,
            () => "After the token was cancelled the consumer's next MoveNextAsync never returned: pass the token to every wait.",
            async () =>
            {
                var read = await Learner.Static<ICancellingConsumer>().ReadThenCancelAsync(loader, before: 3, limit: 100);
                GradingFailure.Unless(read.Before == 3, "The loader ended early.");
                GradingFailure.Unless(
                    read.Cancelled,
                    $"After the token was cancelled the consumer still got {read.After} more batches and no OperationCanceledException."
                );
            }
        );
        await Stopping.ExpectStoppedAsync(loader, source, "After cancelling and disposing");

        // Disposing the loader while the consumer is in the middle of the epoch.
        var second = Stopping.Endless(12);
        var disposed = ThreadedLoader.New(second, workers: 2, capacity: 2);
        var reading = disposed.ReadAllAsync().GetAsyncEnumerator();
        await Deadline.RunAsync(Limit, () => "The first batch never came.", async () => await reading.MoveNextAsync());
        await Stopping.ExpectStoppedAsync(disposed, second, "After disposing the loader in the middle of an epoch");
    }

    [Fact, Graded("threaded-faults", 1)]
    public async Task Leaving_the_loop_early_stops_every_worker()
    {
        var source = Stopping.Endless(13);
        await using var loader = ThreadedLoader.New(source, workers: 2, capacity: 4);
        await Deadline.RunAsync(
            Limit,
            () =>
                "Leaving the loop did not return: the enumerator's cleanup (the finally around your yield) must not wait for the whole epoch.",
            async () =>
            {
                var taken = 0;
                await foreach (var _ in loader.ReadAllAsync())
                {
                    if (++taken == 2)
                    {
                        break;
                    }
                }
            }
        );
        await Stopping.ExpectQuietAsync(source, "After the consumer left the loop after 2 batches (before disposing the loader)");
    }

    [Fact, Graded("threaded-faults", 1)]
    public async Task Loads_in_progress_see_the_cancellation_and_are_waited_for()
    {
        // Disposing the loader while both workers are inside loads that end only when their token is cancelled.
        var source = StubbornSource.New();
        var loader = ThreadedLoader.New(source, workers: 2, capacity: 2);
        var pending = loader.ReadAllAsync().GetAsyncEnumerator().MoveNextAsync().AsTask();
        await WhileFailingAsync(
            loader,
            async () =>
            {
                await ExpectLoadsRunningAsync(source, 2, pending, "The consumer waited for batch 0");
                await ExpectDisposeWaitsAsync(loader, source, "Disposing the loader while both workers were inside a load");
            }
        );
        await Task.WhenAny(pending, Task.Delay(Limit)); // the consumer's read ends one way or another; its outcome is not graded
        _ = pending.Exception;

        // Cancelling a token handed over with WithCancellation(token), the way `await foreach` code usually passes one.
        var second = StubbornSource.New();
        var cancelled = ThreadedLoader.New(second, workers: 2, capacity: 2);
        using var cancel = new CancellationTokenSource();
        var next = FirstAsync(cancelled.ReadAllAsync().WithCancellation(cancel.Token));
        await WhileFailingAsync(
            cancelled,
            async () =>
            {
                await ExpectLoadsRunningAsync(second, 2, next, "The consumer waited for batch 0 in ReadAllAsync().WithCancellation(token)");
                await cancel.CancelAsync();
                await Deadline.RunAsync(
                    Limit,
                    () =>
                        "After the token given through ReadAllAsync().WithCancellation(token) was cancelled, the consumer's pending "
                        + $"MoveNextAsync never ended and {second.Active} load(s) still waited for their token. {EnumeratorCancellationAdvice()}",
                    async () =>
                    {
                        try
                        {
                            await next;
                        }
                        catch (OperationCanceledException)
                        {
                            return;
                        }
                        catch (Exception error)
                        {
                            Expect.StubsPassThrough(error);
                            throw new GradingFailure(
                                $"After the token given through WithCancellation(token) was cancelled, the read ended with {LearnerFaults.NameOf(error)}: {error.Message}. Expected OperationCanceledException."
                            );
                        }
                        throw new GradingFailure(
                            "After the token given through WithCancellation(token) was cancelled, the pending MoveNextAsync returned instead of throwing OperationCanceledException."
                        );
                    }
                );
                await ExpectDisposeWaitsAsync(cancelled, second, "After cancelling through WithCancellation(token)");
            }
        );
    }

    /// <summary>Reads the first batch in an <c>await foreach</c>, the way code that uses WithCancellation reads.</summary>
    private static async Task<bool> FirstAsync(ConfiguredCancelableAsyncEnumerable<Batch> batches)
    {
        await foreach (var _ in batches)
        {
            return true;
        }
        return false;
    }

    /// <summary>Runs a check; if it fails, starts disposing the loader (without waiting for it) so that its loads stop.</summary>
    private static async Task WhileFailingAsync(IBatchLoader loader, Func<Task> check)
    {
        try
        {
            await check();
        }
        catch (GradingFailure)
        {
            _ = Task.Run(async () => await loader.DisposeAsync()).ContinueWith(t => t.Exception, TaskScheduler.Default);
            throw;
        }
    }

    /// <summary>Waits until the workers are inside their loads, and checks that those loads can be cancelled at all.</summary>
    private static async Task ExpectLoadsRunningAsync(IStubbornSource source, int workers, Task<bool> read, string situation)
    {
        await Deadline.UntilAsync(() => source.Active >= workers || read.IsCompleted, Limit);
        if (read.IsFaulted && read.Exception!.InnerException is { } error)
        {
            Expect.StubsPassThrough(error);
            throw new GradingFailure($"{situation}: the read ended with {LearnerFaults.NameOf(error)}: {error.Message}");
        }
        GradingFailure.Unless(
            source.Active > 0,
            $"{situation}: after {Limit.TotalSeconds:0} s no worker had started a load. Start the workers when the read begins."
        );
        GradingFailure.Unless(
            source.Uncancellable == 0,
            $"{situation}: the workers called source.Load with a token that can never be cancelled (CancellationToken.None or default), "
                + "so a load in progress can never be told to stop. Pass Load the token that cancelling, disposing and leaving the loop cancel."
        );
    }

    /// <summary>DisposeAsync returns, and by then no load runs any more and none starts afterwards.</summary>
    private static async Task ExpectDisposeWaitsAsync(IBatchLoader loader, IStubbornSource source, string situation)
    {
        await Deadline.RunAsync(
            Limit,
            () =>
                $"{situation}: DisposeAsync did not return ({source.Active} load(s) still waited for their token to be cancelled). "
                + "Cancel the token the workers pass to Load, then wait for the workers.",
            async () => await loader.DisposeAsync()
        );
        var running = source.Active;
        GradingFailure.Unless(
            running == 0,
            $"{situation}: DisposeAsync returned while {running} load(s) were still running (these loads take "
                + $"{StubbornSource.WindDown.TotalMilliseconds:0} ms to stop once their token is cancelled). Cancelling only asks the workers to stop: "
                + "wait for them (await their tasks, join their threads) before DisposeAsync returns, so that nothing still loads once the loader is gone."
        );
        var started = source.Started;
        await Task.Delay(300);
        GradingFailure.Unless(
            source.Started == started,
            $"{situation}, workers went on starting loads ({started} → {source.Started}). Every worker must stop."
        );
    }

    private static string EnumeratorCancellationAdvice()
    {
        return Learner.Static<ILoaderFacts>().ReadAllAsyncTakesEnumeratorCancellation() == false
            ? "ReadAllAsync's CancellationToken parameter lacks [EnumeratorCancellation]: without it an async iterator never sees the token "
                + "of WithCancellation(token) or GetAsyncEnumerator(token); with it the compiler combines that token with the parameter's."
            : "The token of WithCancellation(token) reaches an async iterator through its [EnumeratorCancellation] parameter: pass it to every wait and to the workers.";
    }
}
