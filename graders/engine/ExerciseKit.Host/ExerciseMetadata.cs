using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExerciseKit.Host;

/// <summary>One exercise's exercise.json, with the folders it implies.</summary>
public sealed record ExerciseMetadata
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public string Summary { get; init; } = "";
    public IReadOnlyList<string> Notes { get; init; } = [];
    public required IReadOnlyList<string> Editable { get; init; }
    public required IReadOnlyList<ExerciseTask> Tasks { get; init; }

    /// <summary>Analyzer rules that earn points when the learner's files are free of their findings.</summary>
    public IReadOnlyList<ExerciseRule> Rules { get; init; } = [];
    public TimeLimits TimeLimits { get; init; } = new();
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>
    /// Graders compare timings (e.g. a parallel speed-up): under class grading the exercise is graded beside the
    /// submission's others, and those graders may ask for the machine to themselves (ExerciseKit.Grading.MachineTurn)
    /// until they are done measuring.
    /// </summary>
    public bool MeasuresSpeed { get; init; }

    [JsonIgnore]
    public string ExerciseDirectory { get; init; } = "";

    [JsonIgnore]
    public int MaxPoints => Tasks.Sum(t => t.Points) + Rules.Sum(r => r.Points);

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <exception cref="KitException">The file is missing, not JSON, or breaks a rule of the format.</exception>
    public static ExerciseMetadata Load(string path)
    {
        ExerciseMetadata? metadata;
        try
        {
            metadata = JsonSerializer.Deserialize<ExerciseMetadata>(File.ReadAllText(path), Options);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new KitException($"{path}: {e.Message}");
        }

        if (metadata is null)
        {
            throw new KitException($"{path}: empty metadata.");
        }

        var folder = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path)))!;
        var problems = metadata.Problems(folder).ToList();
        if (problems.Count > 0)
        {
            throw new KitException($"{path}: " + string.Join(" ", problems));
        }

        return metadata with
        {
            ExerciseDirectory = Path.GetDirectoryName(Path.GetFullPath(path))!,
        };
    }

    private static bool IsKitRuleId(string id) => id is ['E', 'K', _, _, _, _] && id[2..].All(char.IsAsciiDigit);

    private IEnumerable<string> Problems(string folder)
    {
        if (Id != folder)
        {
            yield return $"id \"{Id}\" must equal its folder name \"{folder}\".";
        }

        if (Editable.Count == 0)
        {
            yield return "\"editable\" must list the files the learner edits.";
        }

        if (Tasks.Count == 0)
        {
            yield return "\"tasks\" must list at least one graded task.";
        }

        foreach (var task in Tasks.Where(t => t.Points <= 0))
        {
            yield return $"task \"{task.Id}\" must be worth at least one point.";
        }

        foreach (var id in Tasks.GroupBy(t => t.Id).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return $"task id \"{id}\" appears twice.";
        }

        foreach (var rule in Rules.Where(r => !IsKitRuleId(r.Id) || r.Points <= 0))
        {
            yield return $"rule \"{rule.Id}\" must be a kit analyzer id (EK0000) worth at least one point.";
        }

        foreach (var id in Rules.GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return $"rule id \"{id}\" appears twice.";
        }

        foreach (var rule in Rules.Where(r => r.Tasks.Count == 0 || r.Tasks.Any(t => Tasks.All(task => task.Id != t))))
        {
            yield return $"rule \"{rule.Id}\" must list in \"tasks\" the ids of the tasks whose code it judges.";
        }

        if (TimeLimits.TestSeconds <= 0 || TimeLimits.ExerciseSeconds < TimeLimits.TestSeconds)
        {
            yield return "timeLimits need 0 < testSeconds ≤ exerciseSeconds.";
        }
    }
}
