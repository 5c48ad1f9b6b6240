using System.Globalization;
using System.Text;

namespace ExerciseKit.Host;

/// <summary>
/// Text that came from a hand-in (file names, messages its code printed or threw) made safe to show: on one line,
/// control characters written as escapes, and cut to a length, so that it can never add lines to Markdown or CSV
/// (a file name holding "\nTotal: 90 of 90"), flood a report, or be mistaken for the kit's own words.
/// </summary>
public static class SafeText
{
    /// <summary>One line of at most <paramref name="maxChars"/> characters; line breaks become spaces.</summary>
    public static string OneLine(string text, int maxChars = 2000) => Escaped(text.ReplaceLineEndings(" "), maxChars);

    // Control characters (line breaks among them) and the characters that reorder or break lines, written as \uXXXX.
    private static string Escaped(string text, int maxChars)
    {
        var line = new StringBuilder(Math.Min(text.Length, maxChars + 16));
        var cut = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (line.Length >= maxChars)
            {
                cut++;
                continue;
            }
            if (Rune.IsControl(rune) || rune.Value is 0x2028 or 0x2029 or 0x202E or 0x2066 or 0x2067 or 0x2068 or 0x2069)
            {
                line.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:X4}");
            }
            else
            {
                line.Append(rune.ToString());
            }
        }
        return cut > 0 ? line.Append(CultureInfo.InvariantCulture, $"… ({cut} more characters)").ToString() : line.ToString();
    }

    /// <summary>A name for a Markdown code span: one line, and no backtick to close the span early.</summary>
    public static string CodeSpan(string name) => Escaped(name, 300).Replace('`', '\'');

    /// <summary>
    /// A file or folder name that can be shown and opened as it is: valid UTF-8 (.NET reads an invalid one as U+FFFD,
    /// and the path then names no file) and free of control characters.
    /// </summary>
    public static bool IsPlainName(string name) =>
        !name.Contains('\uFFFD', StringComparison.Ordinal) && !name.EnumerateRunes().Any(Rune.IsControl);
}
