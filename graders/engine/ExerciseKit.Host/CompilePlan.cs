using System.Text.Json;

namespace ExerciseKit.Host;

/// <summary>
/// How the last full grading build compiled the learner's project: the compiler and its exact command line
/// (captured from MSBuild's Csc task), and the grader that build produced. Valid while <see cref="Fingerprint"/>
/// (see <see cref="KitInputs"/>) is unchanged.
/// </summary>
public sealed record CompilePlan(
    string Fingerprint,
    string Compiler,
    string ProjectDirectory,
    IReadOnlyList<string> Arguments,
    string GraderAssembly,
    string Surface,
    string? ReferenceHash = null
)
{
    /// <summary>The reference assembly csc writes beside the output (/refout): public surface only, but byte-exact.</summary>
    public string? ReferenceAssembly =>
        Arguments.FirstOrDefault(a => a.StartsWith("/refout:", StringComparison.OrdinalIgnoreCase)) is { } option
            ? Path.GetFullPath(option["/refout:".Length..].Trim('"'), ProjectDirectory)
            : null;

    /// <summary>A hash of the reference assembly's bytes, or null when there is none.</summary>
    public string? HashOfReference() =>
        ReferenceAssembly is { } path && File.Exists(path)
            ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)))
            : null;

    /// <summary>The assembly the compiler writes (obj/…/X.dll).</summary>
    public string OutputAssembly => Path.GetFullPath(Option("/out:"), ProjectDirectory);

    /// <summary>The learner's assembly's simple name (LoadingStages).</summary>
    public string LearnerAssemblyName => Path.GetFileNameWithoutExtension(OutputAssembly);

    /// <summary>The folder of the grader's subject: the learner's assembly runs from there.</summary>
    public string SubjectFolder => Path.GetDirectoryName(SubjectLocation.Of(GraderAssembly))!;

    /// <summary>The learner's assembly as the subject loads it, in the subject's output folder.</summary>
    public string SubjectCopy => Path.Combine(SubjectFolder, Path.GetFileName(OutputAssembly));

    private string Option(string prefix) =>
        Arguments.FirstOrDefault(a => a.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))?[prefix.Length..].Trim('"')
        ?? throw new KitException($"the captured compiler command line has no {prefix} option");

    public static string PathFor(KitLayout layout, string sourceKey, string exerciseId) =>
        Path.Combine(layout.Artifacts, "compile-plans", sourceKey, exerciseId + ".json");

    /// <summary>Where the grading build writes the compiler's command line (see exercises/Directory.Build.targets).</summary>
    public static string CommandLinePath(KitLayout layout, string sourceKey, string exerciseId) =>
        Path.Combine(layout.Artifacts, "compile-plans", sourceKey, exerciseId + ".csc.txt");

    public static CompilePlan? Load(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<CompilePlan>(File.ReadAllText(path)) : null;
        }
        catch (JsonException)
        {
            return null; // a damaged plan only costs a full build
        }
    }

    /// <summary>Reads the lines the build wrote: "compiler=…", "directory=…", then one "arg=…" per compiler argument.</summary>
    public static CompilePlan? FromCommandLine(string commandLineFile, string fingerprint, string graderAssembly)
    {
        if (!File.Exists(commandLineFile))
        {
            return null;
        }
        var lines = File.ReadAllLines(commandLineFile);
        string? Value(string key) => lines.FirstOrDefault(l => l.StartsWith(key + "=", StringComparison.Ordinal))?[(key.Length + 1)..];
        var compiler = Value("compiler");
        var directory = Value("directory");
        var arguments = lines.Where(l => l.StartsWith("arg=", StringComparison.Ordinal)).Select(l => l[4..]).ToList();
        if (compiler is null || directory is null || arguments.Count == 0 || !File.Exists(compiler))
        {
            return null;
        }
        var plan = new CompilePlan(fingerprint, compiler, directory, arguments, graderAssembly, "");
        return File.Exists(plan.SubjectCopy)
            ? plan with
            {
                Surface = PublicSurface.Of(plan.SubjectCopy, plan.SubjectFolder),
                ReferenceHash = plan.HashOfReference(),
            }
            : null;
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.Write(path, JsonSerializer.Serialize(this));
    }
}
