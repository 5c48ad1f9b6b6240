using System.Diagnostics;
using ExerciseKit.Grading;

namespace ExerciseKit.Graders.LoadingStages;

/// <summary>
/// Runs learner code on a pool thread with a deadline, so that a deadlock (even a blocking one) becomes a failure
/// that explains itself instead of a test the host has to kill.
/// </summary>
internal static class Deadline
{
    /// <summary>How long the work may go on once <c>allIn</c> holds: ending then is a Complete() call away.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    /// <param name="allIn">
    /// True once everything the work waits for has arrived: from then on it has <see cref="Grace"/>, not the whole
    /// limit, to end (a sequence that is never completed fails in 2 s instead of the limit).
    /// </param>
    public static async Task RunAsync(TimeSpan limit, Func<string> whenLate, Func<Task> work, Func<bool>? allIn = null)
    {
        var task = Task.Run(work);
        var clock = Stopwatch.StartNew();
        TimeSpan? allInAt = null;
        while (!task.IsCompleted)
        {
            var now = clock.Elapsed;
            allInAt ??= allIn?.Invoke() == true ? now : null;
            if (now >= limit || now - allInAt >= Grace)
            {
                throw new GradingFailure($"Still not finished after {now.TotalSeconds:0.#} s. {whenLate()}");
            }
            await Task.WhenAny(task, Task.Delay(20));
        }
        await task;
    }

    /// <summary>Waits until the condition holds; false if it still does not after the limit.</summary>
    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                return false;
            }
            await Task.Delay(20);
        }
        return true;
    }

    /// <summary>Waits until the value stops changing for <paramref name="quiet"/> (at most <paramref name="limit"/>) and returns it.</summary>
    public static async Task<int> SettledAsync(Func<int> value, TimeSpan quiet, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        var last = value();
        var stableSince = DateTime.UtcNow;
        while (DateTime.UtcNow < until && DateTime.UtcNow - stableSince < quiet)
        {
            await Task.Delay(20);
            var now = value();
            if (now != last)
            {
                last = now;
                stableSince = DateTime.UtcNow;
            }
        }
        return last;
    }
}
