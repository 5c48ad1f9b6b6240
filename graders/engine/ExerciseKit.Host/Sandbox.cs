using System.Diagnostics;

namespace ExerciseKit.Host;

/// <summary>
/// Runs the subject — the process that runs the learner's code — with bubblewrap (`bwrap`, Debian package bubblewrap):
/// no network (only a private loopback), its own process and IPC namespaces, a private capped /tmp, the system and the
/// .NET runtime read-only, and of the kit only the subject's own output folder and the judge's scratch folder, both
/// read-only. Nothing else of the host — the graders and their results, the solutions, other submissions, home
/// folders — exists inside. Started by root it first drops to an unprivileged uid (nobody, or one leased per parallel
/// worker), so that the process limit (RLIMIT_NPROC) holds.
/// </summary>
public sealed record Sandbox
{
    public const int Nobody = 65534;

    private Sandbox(string bwrap) => Bwrap = bwrap;

    public string Bwrap { get; }

    /// <summary>
    /// The unprivileged uid the grader runs as when the host is root. Parallel workers each lease one that is theirs
    /// on the whole machine (<see cref="SandboxUser"/>), so that one submission's fork bomb exhausts only its own
    /// process limit.
    /// </summary>
    public int User { get; init; } = Nobody;

    public Sandbox RunningAs(SandboxUser user) => this with { User = user.Uid };

    /// <summary>Tasks (processes and threads) the sandboxed user may have at once; stops fork bombs.</summary>
    public int MaxTasks { get; init; } = 1024;

    /// <summary>
    /// Size of the sandbox's private /tmp (a tmpfs, so its pages are memory the resident-memory limit does not see):
    /// the run's memory budget is its memory limit plus this.
    /// </summary>
    public long TmpBytes { get; init; } = 256L << 20;

    /// <summary>The largest file a grader run may write (RLIMIT_FSIZE), in its run folder on the host's disk or in /tmp.</summary>
    public long MaxFileBytes { get; init; } = 64L << 20;

    /// <summary>
    /// Variables of the host's environment a grader run gets; nothing else of it enters the sandbox (a CI runner's
    /// tokens, an instructor's cloud credentials). The runtime's own settings and the kit's are all a grader needs.
    /// </summary>
    public static bool PassesThrough(string name) =>
        name.StartsWith("DOTNET_", StringComparison.Ordinal)
        || name.StartsWith("EXERCISEKIT_", StringComparison.Ordinal)
        || name is "LANG" or "LC_ALL" or "TZ" or "ONEDNN_MAX_CPU_ISA";

    /// <summary>bwrap if it is installed and can create namespaces here; otherwise null and why.</summary>
    public static Sandbox? Detect(out string problem)
    {
        var bwrap = Environment
            .GetEnvironmentVariable("PATH")
            ?.Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "bwrap"))
            .FirstOrDefault(File.Exists);
        if (bwrap is null)
        {
            problem = "bubblewrap (bwrap) is not installed: `sudo apt-get install bubblewrap`";
            return null;
        }

        var sandbox = new Sandbox(bwrap);
        var (file, arguments) = sandbox.Wrap("/bin/true", [], readOnly: [], writable: []);
        try
        {
            using var probe = Process.Start(
                new ProcessStartInfo(file, arguments) { RedirectStandardError = true, UseShellExecute = false }
            )!;
            var error = probe.StandardError.ReadToEnd();
            probe.WaitForExit();
            problem = probe.ExitCode == 0 ? "" : $"bwrap cannot create a sandbox here (exit code {probe.ExitCode}): {error.Trim()}";
            return probe.ExitCode == 0 ? sandbox : null;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            problem = $"bwrap could not be started: {e.Message}";
            return null;
        }
    }

    /// <summary>The command line that runs <paramref name="fileName"/> inside the sandbox.</summary>
    public (string FileName, IReadOnlyList<string> Arguments) Wrap(
        string fileName,
        IReadOnlyList<string> arguments,
        IReadOnlyList<string> readOnly,
        IReadOnlyList<string> writable,
        IReadOnlyDictionary<string, string>? environment = null
    )
    {
        List<string> command = [];
        if (IsRoot())
        {
            command.AddRange(["/usr/bin/setpriv", $"--reuid={User}", $"--regid={User}", "--clear-groups", "--"]);
        }
        command.Add(Bwrap);
        command.AddRange(["--unshare-all", "--unshare-user", "--uid", $"{Nobody}", "--gid", $"{Nobody}"]);
        command.AddRange(["--die-with-parent", "--new-session", "--cap-drop", "ALL"]);
        command.AddRange(["--ro-bind", "/usr", "/usr"]);
        foreach (var top in new[] { "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32" })
        {
            if (new FileInfo(top).LinkTarget is { } target)
            {
                command.AddRange(["--symlink", target, top]);
            }
            else if (Directory.Exists(top))
            {
                command.AddRange(["--ro-bind", top, top]);
            }
        }
        foreach (var file in new[] { "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/alternatives", "/etc/os-release", "/etc/localtime" })
        {
            command.AddRange(["--ro-bind-try", file, file]);
        }
        var runtime = DotnetRoot();
        if (!runtime.StartsWith("/usr/", StringComparison.Ordinal))
        {
            command.AddRange(["--ro-bind", runtime, runtime]);
        }
        command.AddRange(["--proc", "/proc", "--dev", "/dev", "--size", $"{TmpBytes}", "--tmpfs", "/tmp"]);
        foreach (var folder in readOnly)
        {
            command.AddRange(["--ro-bind", folder, folder]);
        }
        foreach (var folder in writable)
        {
            command.AddRange(["--bind", folder, folder]);
        }
        command.Add("--clearenv");
        var passed = Environment
            .GetEnvironmentVariables()
            .Cast<System.Collections.DictionaryEntry>()
            .Select(e => ((string)e.Key, (string?)e.Value ?? ""))
            .Where(e => PassesThrough(e.Item1))
            .Concat((environment ?? new Dictionary<string, string>()).Select(e => (e.Key, e.Value)));
        foreach (var (name, value) in passed)
        {
            command.AddRange(["--setenv", name, value]);
        }
        command.AddRange(["--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", "/tmp", "--setenv", "TMPDIR", "/tmp"]);
        command.AddRange(["--setenv", "DOTNET_CLI_HOME", "/tmp"]);
        command.AddRange(["--chdir", "/tmp", "--"]);
        command.AddRange(["/usr/bin/prlimit", $"--nproc={MaxTasks}", $"--fsize={MaxFileBytes}", "--core=0", "--"]);
        command.Add(fileName);
        command.AddRange(arguments);
        return (command[0], command[1..]);
    }

    /// <summary>
    /// Makes a folder the sandboxed user can write (it runs as an unprivileged uid when the host is root). A shared
    /// parent is sticky, like /tmp: nobody removes a folder that is not theirs.
    /// </summary>
    public static void MakeWritable(string folder, bool sticky = false)
    {
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            var everyone = (UnixFileMode)0b111_111_111;
            File.SetUnixFileMode(folder, sticky ? everyone | UnixFileMode.StickyBit : everyone);
        }
    }

    private static bool IsRoot() =>
        File.ReadLines("/proc/self/status")
            .Any(l => l.StartsWith("Uid:", StringComparison.Ordinal) && l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0");

    /// <summary>The dotnet host of this runtime, by full path (PATH inside the sandbox is not to be trusted).</summary>
    public static string DotnetHost => Path.Combine(DotnetRoot(), "dotnet");

    // <root>/shared/Microsoft.NETCore.App/<version>/ is the runtime folder.
    private static string DotnetRoot() =>
        Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
}
