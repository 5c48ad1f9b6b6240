using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace ExerciseKit.Host;

/// <summary>Reads what a grader assembly's built-in xunit runner writes: `-list full/json` and `-result-xml`.</summary>
public static class XunitOutput
{
    /// <summary>The tests a grader assembly declares (its discovery listing).</summary>
    /// <exception cref="KitException">The listing is not the JSON array xunit writes.</exception>
    public static IReadOnlyList<GraderTest> ParseListing(string stdout)
    {
        var start = stdout.IndexOf('[');
        var end = stdout.LastIndexOf(']');
        if (start < 0 || end < start)
        {
            throw new KitException("the grader assembly printed no test listing.");
        }

        try
        {
            using var json = JsonDocument.Parse(stdout[start..(end + 1)]);
            return json.RootElement.EnumerateArray().Select(ParseListedTest).ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new KitException($"the grader assembly's test listing is unreadable: {e.Message}");
        }
    }

    /// <summary>Outcomes by test display name, from an xunit v2+ XML result file.</summary>
    public static IReadOnlyDictionary<string, ReportedOutcome> ParseResults(string xml)
    {
        var outcomes = new Dictionary<string, ReportedOutcome>(StringComparer.Ordinal);
        foreach (var test in XDocument.Parse(xml).Descendants("test"))
        {
            var name = (string?)test.Attribute("name") ?? "";
            var failure = test.Element("failure");
            var type = (string?)failure?.Attribute("exception-type") ?? "";
            var message = StripTypePrefix(Unescape(failure?.Element("message")?.Value ?? test.Element("reason")?.Value ?? ""), type);
            var seconds = double.TryParse((string?)test.Attribute("time"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s)
                ? s
                : 0;
            outcomes[name] = new ReportedOutcome((string?)test.Attribute("result") ?? "", type, message, TimeSpan.FromSeconds(seconds));
        }

        return outcomes;
    }

    /// <summary>
    /// Like <see cref="ParseResults"/>, but a file that is not XML (a judge that ended while writing it)
    /// reports nothing: every test then fails closed as "no result", and the batch goes on.
    /// </summary>
    public static IReadOnlyDictionary<string, ReportedOutcome> ParseResultsOrNone(string xml)
    {
        try
        {
            return ParseResults(xml);
        }
        catch (System.Xml.XmlException)
        {
            return new Dictionary<string, ReportedOutcome>();
        }
    }

    private static GraderTest ParseListedTest(JsonElement test)
    {
        var traits = new Dictionary<string, string>();
        if (test.TryGetProperty("Traits", out var traitObject))
        {
            foreach (var trait in traitObject.EnumerateObject())
            {
                traits[trait.Name] = trait.Value.EnumerateArray().Select(v => v.GetString() ?? "").FirstOrDefault() ?? "";
            }
        }

        return GraderTest.FromTraits(test.GetProperty("ID").GetString()!, test.GetProperty("DisplayName").GetString()!, traits);
    }

    /// <summary>
    /// xunit escapes messages in its XML C-style (\" \\ \t \0 \r \n \xHH) on top of XML's own escaping; undo it so
    /// that learners read the grader's text as written.
    /// </summary>
    private static string Unescape(string text)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }
        var plain = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 == text.Length)
            {
                plain.Append(text[i]);
                continue;
            }
            var next = text[++i];
            switch (next)
            {
                case 't':
                    plain.Append('\t');
                    break;
                case 'r':
                    plain.Append('\r');
                    break;
                case 'n':
                    plain.Append('\n');
                    break;
                case '0':
                    plain.Append('\0');
                    break;
                case 'x'
                    when i + 2 < text.Length
                        && int.TryParse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    plain.Append((char)code);
                    i += 2;
                    break;
                default:
                    plain.Append(next); // \" and \\ and anything unknown: the character itself
                    break;
            }
        }
        return plain.ToString();
    }

    private static string StripTypePrefix(string message, string exceptionType)
    {
        var prefix = exceptionType + " : ";
        return message.StartsWith(prefix, StringComparison.Ordinal) ? message[prefix.Length..] : message;
    }
}
