using ExerciseKit.Analyzers.Rules;
using Xunit;

namespace ExerciseKit.Tests.Analyzers;

public sealed partial class EagerReadInDatasetAnalyzerTests
{
    [Fact]
    public Task Reading_in_the_constructor_or_Count_is_reported_but_not_in_GetTensor() =>
        AnalyzerHarness.VerifyAsync(
            new EagerReadInDatasetAnalyzer(),
            """
            public sealed class Eager : utils.data.Dataset
            {
                private readonly List<byte[]> all;
                private readonly string[] names;

                public Eager(string folder)
                {
                    names = Directory.GetFiles(folder);
                    all = names.Select(n => [|File.ReadAllBytes(n)|]).ToList();
                    using var first = [|File.OpenRead(names[0])|];
                    var image = [|StbImageSharp.ImageResult.FromStream(first, StbImageSharp.ColorComponents.RedGreenBlue)|];
                }

                public override long Count
                {
                    get
                    {
                        using var probe = [|File.OpenRead(names[0])|];
                        return names.Length;
                    }
                }

                public override Dictionary<string, Tensor> GetTensor(long index)
                {
                    using var stream = File.OpenRead(names[index]);
                    var image = StbImageSharp.ImageResult.FromStream(stream, StbImageSharp.ColorComponents.RedGreenBlue);
                    return new() { ["image"] = tensor(image.Data) };
                }
            }
            """
        );
}

public sealed partial class UnsortedDirectoryListingAnalyzerTests
{
    [Fact]
    public Task A_listing_whose_order_is_used_unsorted_is_reported() =>
        AnalyzerHarness.VerifyAsync(
            new UnsortedDirectoryListingAnalyzer(),
            """
            public static class Listings
            {
                public static string First(string dir) => [|Directory.GetFiles(dir)|][0];

                public static List<string> Kept(string dir)
                {
                    var files = [|Directory.EnumerateFiles(dir)|].ToList();
                    if (files.Count == 0) throw new InvalidDataException(dir);
                    return files;
                }

                public static IEnumerable<string> Each(DirectoryInfo dir)
                {
                    foreach (var file in [|dir.GetFiles()|]) yield return file.Name;
                }
            }
            """
        );

    [Fact]
    public Task Sorted_or_order_free_uses_are_fine() =>
        AnalyzerHarness.VerifyAsync(
            new UnsortedDirectoryListingAnalyzer(),
            """
            public static class Listings
            {
                public static string[] Sorted(string dir) => Directory.GetFiles(dir).Order(StringComparer.Ordinal).ToArray();

                public static string[] SortedInPlace(string dir)
                {
                    var files = Directory.GetFiles(dir);
                    Array.Sort(files, StringComparer.Ordinal);
                    return files;
                }

                public static List<string> Ordered(string dir)
                {
                    var files = Directory.EnumerateFiles(dir).ToList();
                    if (files.Count == 0) throw new InvalidDataException(dir);
                    return files.OrderBy(Path.GetFileName).ToList();
                }

                public static Dictionary<string, string> ByName(string dir) => Directory.GetFiles(dir).ToDictionary(f => Path.GetFileName(f));

                public static bool Empty(string dir) => !Directory.EnumerateFiles(dir).Any();
            }
            """
        );
}

public sealed class RepeatedDecodeInGetTensorAnalyzerTests
{
    [Fact]
    public Task Opening_the_same_file_twice_in_GetTensor_is_reported_once_per_extra_read() =>
        AnalyzerHarness.VerifyAsync(
            new RepeatedDecodeInGetTensorAnalyzer(),
            """
            public sealed class Twice : utils.data.Dataset
            {
                private readonly string[] paths = [];

                public override long Count => paths.Length;

                public override Dictionary<string, Tensor> GetTensor(long index)
                {
                    var size = File.ReadAllBytes(paths[index]).Length;
                    var bytes = [|File.ReadAllBytes(paths[index])|];
                    var mask = File.ReadAllBytes(paths[index] + ".mask");
                    return new() { ["image"] = tensor(bytes), ["mask"] = tensor(mask) };
                }
            }
            """
        );
}
