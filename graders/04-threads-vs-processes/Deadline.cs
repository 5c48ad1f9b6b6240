using ExerciseKit.Grading;

namespace ExerciseKit.Graders.LoadingStages;

/// <summary>
/// Runs learner code on a pool thread with a deadline, so that a deadlock (even a blocking one) becomes a failure
/// that explains itself instead of a test the host has to kill.
/// </summary>
internal static class Deadline
{
    public static async Task RunAsync(TimeSpan limit, Func<string> whenLate, Func<Task> work)
    {
        var task = Task.Run(work);
        if (await Task.WhenAny(task, Task.Delay(limit)) != task)
        {
            throw new GradingFailure($"Still not finished after {limit.TotalSeconds:0} s. {whenLate()}");
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
