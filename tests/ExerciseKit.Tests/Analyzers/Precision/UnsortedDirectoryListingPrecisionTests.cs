using ExerciseKit.Analyzers.Rules;
using Xunit;

namespace ExerciseKit.Tests.Analyzers;

/// <summary>EK2002 on listings collected in a loop first and sorted afterwards, and on loops whose order shows.</summary>
public sealed partial class UnsortedDirectoryListingAnalyzerTests
{
    [Fact]
    public Task Collecting_in_a_loop_and_sorting_afterwards_is_fine() =>
        AnalyzerHarness.VerifyAsync(
            new UnsortedDirectoryListingAnalyzer(),
            """
            public static class Collected
            {
                public static List<string> DictionaryThenSortedKeys(string dir)
                {
                    var byName = new Dictionary<string, string>();
                    foreach (var file in Directory.GetFiles(dir, "*.png"))
                    {
                        byName[Path.GetFileNameWithoutExtension(file)] = file;
                    }

                    return byName.Keys.Order(StringComparer.Ordinal).Select(name => byName[name]).ToList();
                }

                public static List<string> ListSortedInPlace(string dir)
                {
                    var files = new List<string>();
                    foreach (var file in Directory.EnumerateFiles(dir))
                    {
                        if (file.EndsWith(".png", StringComparison.Ordinal))
                        {
                            files.Add(file);
                        }
                    }

                    files.Sort(StringComparer.Ordinal);
                    return files;
                }

                public static SortedDictionary<string, string> SortedByConstruction(string dir)
                {
                    var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
                    foreach (var file in new DirectoryInfo(dir).EnumerateFiles("*.png"))
                    {
                        sorted.Add(file.Name, file.FullName);
                    }

                    return sorted;
                }

                public static string[] KeysCopiedThenSorted(string dir)
                {
                    var byStem = new Dictionary<string, FileInfo>();
                    foreach (var info in new DirectoryInfo(dir).GetFiles())
                    {
                        byStem.TryAdd(Path.GetFileNameWithoutExtension(info.Name), info);
                    }

                    var stems = byStem.Keys.ToArray();
                    Array.Sort(stems, StringComparer.Ordinal);
                    return stems;
                }

                public static List<KeyValuePair<string, string>> PairsOrderedByKey(string images, string masks)
                {
                    var maskByName = Directory.GetFiles(masks).ToDictionary(Path.GetFileName);
                    var pairs = new Dictionary<string, string>();
                    var listing = Directory.GetFiles(images);
                    foreach (var image in listing)
                    {
                        var name = Path.GetFileName(image);
                        if (!maskByName.TryGetValue(name, out var mask))
                        {
                            throw new InvalidDataException(name);
                        }

                        pairs[image] = mask;
                    }

                    return pairs.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
                }

                public static long TotalBytes(string dir)
                {
                    var total = 0L;
                    foreach (var file in Directory.GetFiles(dir))
                    {
                        total += new FileInfo(file).Length;
                    }

                    return total;
                }

                public static void AllPng(string dir)
                {
                    foreach (var file in Directory.EnumerateFiles(dir))
                    {
                        if (!file.EndsWith(".png", StringComparison.Ordinal))
                        {
                            throw new InvalidDataException(file);
                        }
                    }
                }

                public static List<string> IndexedLoop(string dir)
                {
                    var files = Directory.GetFiles(dir);
                    var kept = new List<string>();
                    for (var i = 0; i < files.Length; i++)
                    {
                        kept.Add(files[i]);
                    }

                    kept.Sort(StringComparer.Ordinal);
                    return kept;
                }

                public static List<string> CopiedIntoAList(string dir)
                {
                    var files = new List<string>(Directory.EnumerateFiles(dir));
                    files.Sort(StringComparer.Ordinal);
                    return files;
                }

                public static SortedSet<string> IntoASortedSet(string dir) => new SortedSet<string>(Directory.EnumerateFiles(dir), StringComparer.Ordinal);
            }
            """
        );

    [Fact]
    public Task Loops_whose_order_shows_are_still_reported() =>
        AnalyzerHarness.VerifyAsync(
            new UnsortedDirectoryListingAnalyzer(),
            """
            public static class OrderShows
            {
                public static List<string> NeverSorted(string dir)
                {
                    var files = new List<string>();
                    foreach (var file in [|Directory.GetFiles(dir)|])
                    {
                        files.Add(file);
                    }

                    return files;
                }

                public static List<string> DictionaryIteratedUnsorted(string dir)
                {
                    var byName = new Dictionary<string, string>();
                    foreach (var file in [|Directory.GetFiles(dir)|])
                    {
                        byName[Path.GetFileName(file)] = file;
                    }

                    return byName.Values.ToList();
                }

                public static string? FirstPng(string dir)
                {
                    foreach (var file in [|Directory.EnumerateFiles(dir)|])
                    {
                        if (file.EndsWith(".png", StringComparison.Ordinal))
                        {
                            return file;
                        }
                    }

                    return null;
                }

                public static string Last(string dir)
                {
                    var last = "";
                    foreach (var file in [|Directory.EnumerateFiles(dir)|])
                    {
                        last = file;
                    }

                    return last;
                }

                public static void Fill(string dir, List<string> into)
                {
                    foreach (var file in [|Directory.EnumerateFiles(dir)|])
                    {
                        into.Add(file);
                    }
                }

                public static void SameFileEveryEpoch(string dir, Action<string> train)
                {
                    var files = [|Directory.GetFiles(dir)|];
                    for (var epoch = 0; epoch < 3; epoch++)
                    {
                        train(files[0]);
                    }
                }

                public static List<string> IndexedLoopNeverSorted(string dir)
                {
                    var files = [|Directory.GetFiles(dir)|];
                    var kept = new List<string>();
                    for (var i = 0; i < files.Length; i++)
                    {
                        kept.Add(files[i]);
                    }

                    return kept;
                }
            }
            """
        );
}
