using ExerciseKit.Host;
using Xunit;

namespace ExerciseKit.Tests;

public sealed class SafeTextTests
{
    [Fact]
    public void Text_from_a_hand_in_stays_on_one_line_shows_control_characters_as_escapes_and_is_cut()
    {
        Assert.Equal("a b c", SafeText.OneLine("a\nb\r\nc"));
        Assert.Equal("bell\\u0007 nul\\u0000", SafeText.OneLine("bell\a nul\0"));
        Assert.Equal("x\\u202Ey", SafeText.OneLine("x\u202Ey")); // right-to-left override: reorders what a reader sees
        var cut = SafeText.OneLine(new string('x', 5000), 100);
        Assert.StartsWith(new string('x', 100) + "…", cut);
        Assert.Contains("4900 more characters", cut);
    }

    [Fact]
    public void A_name_in_a_code_span_keeps_its_line_breaks_visible_and_cannot_close_the_span()
    {
        Assert.Equal("notes\\u000ATotal: 90 of 90.md", SafeText.CodeSpan("notes\nTotal: 90 of 90.md"));
        Assert.Equal("a'b", SafeText.CodeSpan("a`b"));
        Assert.True(SafeText.IsPlainName("SegmentationFolder.cs"));
        Assert.False(SafeText.IsPlainName("bad\uFFFDname.cs")); // how .NET reads a name that is not UTF-8
        Assert.False(SafeText.IsPlainName("tab\tname"));
    }

    [Fact]
    public void Two_leases_of_a_sandbox_user_never_share_a_uid()
    {
        using var one = SandboxUser.Lease();
        using var two = SandboxUser.Lease();
        Assert.NotEqual(one.Uid, two.Uid);
        Assert.InRange(one.Uid, SandboxUser.FirstUid, SandboxUser.LastUid);
        Assert.InRange(two.Uid, SandboxUser.FirstUid, SandboxUser.LastUid);
    }
}
