using ExerciseKit.Cli.Release;
using Xunit;

namespace ExerciseKit.Tests.Classroom;

/// <summary>
/// The release drops hidden graders and whatever only they used — a private helper, the helper's helper, an input
/// made for them, a whole helper file — and keeps everything a public grader still needs, however it is reached.
/// </summary>
public sealed class HiddenGraderStrippingTests
{
    private const string Graders = """
        using Xunit;
        using static Fixtures.Inputs;

        namespace Fixtures;

        public sealed class CountGraders
        {
            private const int Small = 3;
            private static int secretLimit = 1000;

            [Fact, Graded("count", 1)]
            public void Counts_a_few() => Check(Small, Shared());

            [Theory, Graded("count", 1), MemberData("Cases")]
            public void Counts_the_cases(int n) => Check(n, n.Doubled());

            public static TheoryData<int> Cases => [1, 2];

            [Fact, Graded("count", 2, Hidden = true)]
            public void Counts_a_million() => Check(Huge(), Secret());

            private static int Secret() => SecretPart() + secretLimit;

            private static int SecretPart() => Measure.Twice(Small);

            private static int Shared() => 1;

            private static void Check(int a, int b) { }
        }
        """;

    private const string Inputs = """
        namespace Fixtures;

        internal static class Inputs
        {
            public static int Huge() => 1_000_000;
        }

        internal static class Doubling
        {
            public static int Doubled(this int n) => 2 * n;
        }
        """;

    private const string Measure = """
        namespace Fixtures;

        /// <summary>Only the hidden grader measures twice.</summary>
        internal static class Measure
        {
            public static int Twice(int n) => n + n;
        }
        """;

    [Fact]
    public void Helpers_only_hidden_graders_used_go_with_them_and_the_rest_stays()
    {
        var stripped = HiddenGraders.Strip(
            new Dictionary<string, string>
            {
                ["CountGraders.cs"] = Graders,
                ["Inputs.cs"] = Inputs,
                ["Measure.cs"] = Measure,
            }
        );

        var graders = stripped.Files["CountGraders.cs"]!;
        Assert.Equal(1, stripped.Graders);
        foreach (var gone in new[] { "Counts_a_million", "Secret()", "SecretPart", "secretLimit" })
        {
            Assert.DoesNotContain(gone, graders);
        }
        foreach (var kept in new[] { "Counts_a_few", "Counts_the_cases", "Cases =>", "Small = 3", "Shared()", "void Check" })
        {
            Assert.Contains(kept, graders);
        }
        Assert.Null(stripped.Files["Measure.cs"]); // nothing left in it: not released
        var inputs = stripped.Files["Inputs.cs"]!;
        Assert.DoesNotContain("Huge", inputs); // brought in by `using static`, used only by the hidden grader
        Assert.Contains("Doubled", inputs); // an extension method: called without its class's name
        Assert.Equal(5, stripped.Helpers); // Secret, SecretPart, secretLimit, Measure, Inputs.Huge
    }

    [Fact]
    public void A_project_without_hidden_graders_is_released_as_it_is()
    {
        var stripped = HiddenGraders.Strip(new Dictionary<string, string> { ["Inputs.cs"] = Inputs, ["Measure.cs"] = Measure });

        Assert.Equal(Inputs, stripped.Files["Inputs.cs"]);
        Assert.Equal(Measure, stripped.Files["Measure.cs"]);
        Assert.Equal((0, 0), (stripped.Graders, stripped.Helpers));
    }
}
