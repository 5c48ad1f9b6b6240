using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

namespace ExerciseKit.Grading;

/// <summary>
/// What a grader process does while a warm start waits for the learner's code: the
/// first pass through xunit's pipeline, the first failure report and, for TorchSharp graders, loading libtorch cost
/// hundreds of milliseconds that would otherwise come after the learner's code is ready.
/// </summary>
public static class GraderWarmUp
{
    private static volatile bool warmingUp;

    /// <summary>
    /// True while the warm-up runs, before the learner's code is final: xunit makes the grader's assembly fixtures for it
    /// too, and one that calls learner code must leave that to the graded run, or it would call the previous build.
    /// </summary>
    public static bool IsWarmingUp => warmingUp;

    internal static async ValueTask RunAsync(ITestFrameworkExecutor executor, Assembly graders, ITestFrameworkExecutionOptions options)
    {
        warmingUp = true;
        try
        {
            await WarmUpAsync(executor, graders, options);
        }
        finally
        {
            warmingUp = false;
        }
    }

    private static async ValueTask WarmUpAsync(ITestFrameworkExecutor executor, Assembly graders, ITestFrameworkExecutionOptions options)
    {
        foreach (var data in graders.GetCustomAttributesData().Where(d => d.AttributeType.IsAssignableTo(typeof(IGraderWarmUp))))
        {
            foreach (var warmUp in graders.GetCustomAttributes(data.AttributeType, inherit: false).OfType<IGraderWarmUp>())
            {
                try
                {
                    warmUp.WarmUp();
                }
                catch (Exception)
                {
                    // Only time was to be saved: the first test that needs the same thing meets the failure and reports it.
                }
            }
        }
        await PipelineWarmUp.RunAsync(executor, graders, options);
    }
}
