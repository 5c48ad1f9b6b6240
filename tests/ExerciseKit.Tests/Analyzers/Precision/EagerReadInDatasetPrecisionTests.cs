using ExerciseKit.Analyzers.Rules;
using Xunit;

namespace ExerciseKit.Tests.Analyzers;

/// <summary>EK2001 on datasets that list and check files up front, or prepare a read for later, without reading.</summary>
public sealed partial class EagerReadInDatasetAnalyzerTests
{
    [Fact]
    public Task Listing_checking_and_deferring_reads_in_the_constructor_are_fine() =>
        AnalyzerHarness.VerifyAsync(
            new EagerReadInDatasetAnalyzer(),
            """
            public sealed class Checked : utils.data.Dataset
            {
                private readonly string[] images;

                public Checked(string root)
                {
                    images = Directory.EnumerateFiles(Path.Combine(root, "images"), "*.png").Order(StringComparer.Ordinal).ToArray();
                    foreach (var image in images)
                    {
                        var mask = Path.Combine(root, "masks", Path.GetFileName(image));
                        if (!File.Exists(mask) || new FileInfo(mask).Length == 0)
                        {
                            throw new InvalidDataException($"{mask} is missing or empty");
                        }
                    }
                }

                public override long Count => images.LongLength;

                public override Dictionary<string, Tensor> GetTensor(long index)
                {
                    using var stream = File.OpenRead(images[index]);
                    return new() { ["image"] = Decode(stream) };
                }

                private static Tensor Decode(Stream stream) =>
                    tensor(StbImageSharp.ImageResult.FromStream(stream, StbImageSharp.ColorComponents.RedGreenBlue).Data);
            }

            public sealed class Deferred : utils.data.Dataset
            {
                private readonly Lazy<byte[]>[] contents;
                private readonly Func<string, byte[]> read;
                private readonly string[] names;

                public Deferred(string folder)
                {
                    names = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToArray();
                    contents = names.Select(name => new Lazy<byte[]>(() => File.ReadAllBytes(name))).ToArray();
                    read = path => File.ReadAllBytes(path);
                }

                public override long Count
                {
                    get
                    {
                        return names.Length;
                    }
                }

                public override Dictionary<string, Tensor> GetTensor(long index)
                {
                    byte[] Load(string path) => File.ReadAllBytes(path);
                    var first = contents[index].Value;
                    var second = read(names[index]);
                    var third = Load(names[index]);
                    return new() { ["image"] = tensor(first.Concat(second).Concat(third).ToArray()) };
                }
            }

            public sealed class Primary(string root) : utils.data.Dataset
            {
                private readonly string[] files = Directory.GetFiles(root).Order(StringComparer.Ordinal).ToArray();

                public override long Count => checked(files.Length);

                public override Dictionary<string, Tensor> GetTensor(long index) =>
                    new() { ["image"] = tensor(new PngFile(files[index]).Bytes) };
            }

            public sealed class PngFile
            {
                public PngFile(string path) => Bytes = File.ReadAllBytes(path);

                public byte[] Bytes { get; }
            }
            """
        );

    [Fact]
    public Task Reads_that_run_during_construction_are_still_reported() =>
        AnalyzerHarness.VerifyAsync(
            new EagerReadInDatasetAnalyzer(),
            """
            public sealed class Eager : utils.data.Dataset
            {
                private readonly byte[][] contents;
                private readonly Task<byte[]> warm;

                public Eager(string folder)
                {
                    var names = Directory.GetFiles(folder);
                    Func<string, byte[]> read = path => [|File.ReadAllBytes(path)|];
                    contents = names.Select(read).ToArray();
                    warm = Task.Run(() => [|File.ReadAllBytes(names[0])|]);
                    var first = new Lazy<byte[]>(() => [|File.ReadAllBytes(names[0])|]).Value;
                }

                public override long Count => contents.Length;

                public override Dictionary<string, Tensor> GetTensor(long index) => new() { ["image"] = tensor(contents[index]) };
            }
            """
        );
}
