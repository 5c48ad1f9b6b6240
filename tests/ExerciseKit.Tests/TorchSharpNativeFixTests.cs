using System.Security.Cryptography;
using ExerciseKit.Build;
using Xunit;

namespace ExerciseKit.Tests;

/// <summary>build/ElfVersionNeeds.cs on the real TorchSharp library, and the result of the build step it drives.</summary>
public sealed class TorchSharpNativeFixTests(GradedExercises graded)
{
    private const string Version = "GLIBCXX_3.4.32";
    private const string NativePath = "torchsharp/0.107.0/runtimes/linux-x64/native/libLibTorchSharp.so";

    private static string CachedLibrary => NuGetCache.File(NativePath);

    [Fact]
    public void The_packaged_library_needs_the_version_strongly()
    {
        var need = Assert.Single(ElfVersionNeeds.Read(File.ReadAllBytes(CachedLibrary)), n => n.Version == Version);
        Assert.Equal("libstdc++.so.6", need.Library);
        Assert.False(need.IsWeak);
    }

    [Fact]
    public void Marking_weak_changes_one_flag_byte_and_nothing_else()
    {
        var original = File.ReadAllBytes(CachedLibrary);
        var patched = (byte[])original.Clone();

        Assert.Equal(1, ElfVersionNeeds.MarkWeak(patched, [Version]));

        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToList();
        var at = Assert.Single(changed);
        Assert.Equal(original[at] | 0x2, patched[at]);
        Assert.True(ElfVersionNeeds.Read(patched).Single(n => n.Version == Version).IsWeak);
        Assert.All(
            ElfVersionNeeds.Read(patched).Where(n => n.Version != Version),
            n => Assert.Equal(ElfVersionNeeds.Read(original).Single(o => o.Version == n.Version && o.Library == n.Library).IsWeak, n.IsWeak)
        );
        Assert.Equal(0, ElfVersionNeeds.MarkWeak(patched, [Version])); // idempotent
    }

    [Fact]
    public void Defines_finds_version_strings_only_as_whole_names()
    {
        var library = "\0GLIBCXX_3.4.30\0XGLIBCXX_3.4.31\0"u8.ToArray();
        Assert.True(ElfVersionNeeds.Defines(library, "GLIBCXX_3.4.30"));
        Assert.False(ElfVersionNeeds.Defines(library, "GLIBCXX_3.4.31"));
        Assert.False(ElfVersionNeeds.Defines(library, "GLIBCXX_3.4.3"));
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { 0x7f, (byte)'E', (byte)'L', (byte)'F', 1, 1 })]
    public void Bytes_that_are_not_a_64_bit_elf_file_are_refused(byte[] bytes) =>
        Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(bytes.Concat(new byte[64]).ToArray()));

    [Fact]
    public void A_truncated_elf_file_is_refused_not_misread()
    {
        var truncated = File.ReadAllBytes(CachedLibrary).Take(4096).ToArray();
        Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(truncated));
    }

    [Fact, Trait(Tiers.Name, Tiers.Full)] // builds a TorchSharp exercise
    public async Task The_build_output_copy_is_patched_exactly_when_the_host_lacks_the_version_and_the_cache_is_untouched()
    {
        var cacheHashBefore = SHA256.HashData(File.ReadAllBytes(CachedLibrary));
        var result = await graded.OnSolutionAsync(Kit.Catalog.Exercises.First(e => e.Tags.Contains("torchsharp")).Id);
        Assert.Empty(result.BuildErrors);

        var outputs = Directory.GetFiles(
            Path.Combine(Kit.Layout.Artifacts, "solutions", "bin"),
            "libLibTorchSharp.so",
            SearchOption.AllDirectories
        );
        Assert.NotEmpty(outputs);
        var hostHasIt = ElfVersionNeeds.Defines(File.ReadAllBytes(ElfVersionNeeds.LoadedLibStdCxx()!), Version);
        foreach (var output in outputs)
        {
            var need = ElfVersionNeeds.Read(File.ReadAllBytes(output)).Single(n => n.Version == Version);
            Assert.Equal(!hostHasIt, need.IsWeak);
        }

        Assert.False(ElfVersionNeeds.Read(File.ReadAllBytes(CachedLibrary)).Single(n => n.Version == Version).IsWeak);
        Assert.Equal(cacheHashBefore, SHA256.HashData(File.ReadAllBytes(CachedLibrary)));
    }
}
