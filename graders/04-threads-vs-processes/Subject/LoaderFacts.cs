using System.Runtime.CompilerServices;
using ExerciseKit.Exercises.LoadingStages;

namespace ExerciseKit.Subjects.LoadingStages;

/// <summary>A probe: facts about the learner's types that only reflection on them can tell, for the graders' advice.</summary>
public static class LoaderFacts
{
    /// <summary>Whether ThreadedLoader.ReadAllAsync's token parameter carries [EnumeratorCancellation]; null without such a parameter.</summary>
    public static bool? ReadAllAsyncTakesEnumeratorCancellation() =>
        typeof(ThreadedLoader)
            .GetMethod(nameof(ThreadedLoader.ReadAllAsync))
            ?.GetParameters()
            .FirstOrDefault(p => p.ParameterType == typeof(CancellationToken))
            ?.IsDefined(typeof(EnumeratorCancellationAttribute), inherit: false);
}
