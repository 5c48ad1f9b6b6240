using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ExerciseKit.Host;

namespace ExerciseKit.Cli;

/// <summary>What the kit remembers for the learner of this checkout: hints seen and the last grade of each exercise.</summary>
public sealed record LearnerState
{
    public Dictionary<string, int> HintsShown { get; init; } = [];
    public Dictionary<string, SavedGrade> LastGrades { get; init; } = [];

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>.exercisekit/state.json in the checkout (git ignores the folder).</summary>
    public static string PathIn(KitLayout layout) => Path.Combine(layout.Root, ".exercisekit", "state.json");

    /// <exception cref="KitException">The file exists but is not the kit's state: it is left as it is.</exception>
    public static LearnerState Load(KitLayout layout)
    {
        var path = PathIn(layout);
        if (!File.Exists(path))
        {
            return new LearnerState();
        }

        try
        {
            return JsonSerializer.Deserialize<LearnerState>(File.ReadAllText(path), Options) ?? new LearnerState();
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw new KitException($"{path} is unreadable ({e.Message}); it was left untouched. Move it away to start afresh.");
        }
    }

    public void Save(KitLayout layout)
    {
        var path = PathIn(layout);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.Write(path, JsonSerializer.Serialize(this, Options) + "\n");
    }

    /// <summary>A hash of the exercise's editable files as they are now: a saved grade is current while it matches.</summary>
    public static string Fingerprint(ExerciseMetadata exercise)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in exercise.Editable.Order(StringComparer.Ordinal))
        {
            var path = Path.Combine(exercise.ExerciseDirectory, file);
            hash.AppendData(Encoding.UTF8.GetBytes(file + "\0"));
            hash.AppendData(File.Exists(path) ? File.ReadAllBytes(path) : []);
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
