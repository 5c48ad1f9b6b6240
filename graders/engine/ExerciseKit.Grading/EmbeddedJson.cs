using System.Reflection;
using System.Text.Json;

namespace ExerciseKit.Grading;

/// <summary>Reads a JSON file a grader assembly embeds (e.g. expected values computed by a second implementation).</summary>
public static class EmbeddedJson
{
    /// <param name="resource">The resource's logical name, as the grader project embeds it.</param>
    public static T Load<T>(Assembly graders, string resource)
    {
        using var stream =
            graders.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{resource} is not embedded in {graders.GetName().Name}.");
        return JsonSerializer.Deserialize<T>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"{resource} is empty.");
    }
}
