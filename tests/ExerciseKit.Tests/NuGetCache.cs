namespace ExerciseKit.Tests;

/// <summary>Files inside the NuGet package cache (read only: the tests never write there).</summary>
internal static class NuGetCache
{
    public static string Root =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    public static string File(string relativePath) => Path.Combine(Root, relativePath);
}
