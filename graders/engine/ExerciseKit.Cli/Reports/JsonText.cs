using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ExerciseKit.Cli.Reports;

internal static class JsonText
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep "≥", "→" readable; still valid JSON
    };

    public static string Of(JsonNode node) => node.ToJsonString(Options) + "\n";

    public static double Seconds(double seconds) => double.IsFinite(seconds) ? Math.Round(seconds, 3) : 0;
}
