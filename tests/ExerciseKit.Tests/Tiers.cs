namespace ExerciseKit.Tests;

/// <summary>
/// The kit's test tiers. Classes that build and grade whole exercises carry <c>[Trait(Tiers.Name, Tiers.Full)]</c>;
/// everything else — analyzers, reports, parsing, scheduling, staging, the command line — is the fast tier a
/// developer runs after each change: <c>dotnet test --project tests/ExerciseKit.Tests -- --filter-not-trait "Tier=Full"</c>.
/// CI runs both.
/// </summary>
internal static class Tiers
{
    public const string Name = "Tier";
    public const string Full = "Full";
}
