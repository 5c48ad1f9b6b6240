namespace ExerciseKit.Host;

/// <summary>Where things live in a kit checkout. The root is the folder holding ExerciseKit.sln.</summary>
public sealed record KitLayout(string Root)
{
    public string Exercises => Path.Combine(Root, "exercises");
    public string Solutions => Path.Combine(Root, "solutions");
    public string Graders => Path.Combine(Root, "graders");
    public string Artifacts => Path.Combine(Root, "artifacts");

    /// <summary>Finds the kit root at or above <paramref name="start"/>.</summary>
    /// <exception cref="KitException">No ExerciseKit.sln above the folder.</exception>
    public static KitLayout Find(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ExerciseKit.sln")))
            {
                return new KitLayout(dir.FullName);
            }
        }

        throw new KitException($"No ExerciseKit.sln found in {start} or any folder above it: run this from inside the kit.");
    }
}

/// <summary>A problem with the kit or the command line, reported to the user as a message, not a stack trace.</summary>
public sealed class KitException(string message) : Exception(message);
