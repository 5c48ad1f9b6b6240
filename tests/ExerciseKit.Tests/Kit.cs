using ExerciseKit.Host;
using Xunit;

namespace ExerciseKit.Tests;

/// <summary>The checkout under test, found from the test assembly's location.</summary>
internal static class Kit
{
    public static KitLayout Layout { get; } = KitLayout.Find(AppContext.BaseDirectory);

    public static ExerciseCatalog Catalog { get; } = ExerciseCatalog.Load(Layout);

    public static TheoryData<string> ExerciseIds => [.. Catalog.Exercises.Select(e => e.Id)];

    public static ExerciseMetadata Exercise(string id) => Catalog.Exercises.Single(e => e.Id == id);
}
