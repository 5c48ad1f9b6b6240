using System.Xml;
using System.Xml.Schema;
using NJsonSchema;

// Usage: SchemaCheck <schema folder> <report>...
//   *.sarif → sarif-schema-2.1.0.json (JSON Schema draft-04); *.xml → junit-10.xsd.
// Exit 0 when every report is valid, 1 when one is not, 2 on bad arguments or missing files.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: SchemaCheck <schema folder> <report.sarif|report.xml>...");
    return 2;
}

var schemas = args[0];
var sarifSchemaPath = Path.Combine(schemas, "sarif-schema-2.1.0.json");
var junitSchemaPath = Path.Combine(schemas, "junit-10.xsd");
foreach (var required in new[] { sarifSchemaPath, junitSchemaPath }.Concat(args.Skip(1)))
{
    if (!File.Exists(required))
    {
        Console.Error.WriteLine($"error: {required} not found.");
        return 2;
    }
}

var invalid = 0;
foreach (var report in args.Skip(1))
{
    var problems = report.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
        ? ValidateXml(report, junitSchemaPath)
        : await ValidateJsonAsync(report, sarifSchemaPath);
    Console.WriteLine(problems.Count == 0 ? $"valid: {report}" : $"INVALID: {report}");
    foreach (var problem in problems)
    {
        Console.WriteLine($"  {problem}");
    }

    invalid += problems.Count > 0 ? 1 : 0;
}

return invalid == 0 ? 0 : 1;

static async Task<List<string>> ValidateJsonAsync(string report, string schemaPath)
{
    var schema = await JsonSchema.FromFileAsync(schemaPath);
    return [.. schema.Validate(await File.ReadAllTextAsync(report)).Select(e => $"{e.Path}: {e.Kind}")];
}

static List<string> ValidateXml(string report, string schemaPath)
{
    var problems = new List<string>();
    var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema };
    settings.Schemas.Add(null, schemaPath);
    settings.ValidationEventHandler += (_, e) => problems.Add($"line {e.Exception?.LineNumber}: {e.Message}");
    using var reader = XmlReader.Create(report, settings);
    while (reader.Read()) { }
    return problems;
}
