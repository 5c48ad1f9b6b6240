using System.Runtime.InteropServices;
using System.Text.Json;
using ExerciseKit.Host;
using Xunit;

namespace ExerciseKit.Tests;

/// <summary>
/// A warm grade sends its compile to the SDK's compiler server itself instead of starting a csc client. What comes
/// back must be what csc would have printed and returned, and a server that cannot be reached must leave the
/// compile to csc.
/// </summary>
public sealed class CompilerServerClientTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("exercisekit-server-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void The_socket_is_named_as_the_SDK_client_names_it()
    {
        // The name MSBuild's server listened on for root and this SDK's compiler folder (seen in its command line).
        Assert.Equal(
            "Dv7Ncqi9qKQkh3yKPOwD2FTvfOFQ2XBZe9M9woRRVXY",
            CompilerServerClient.PipeName("root", "/usr/share/dotnet/sdk/10.0.401/Roslyn/bincore/")
        );
    }

    [Fact]
    public async Task The_server_compiles_and_reports_errors_exactly_as_csc_does()
    {
        var cancellation = TestContext.Current.CancellationToken;
        File.WriteAllText(Path.Combine(folder, "Good.cs"), "public static class Good { public static int One() => 1; }");
        File.WriteAllText(Path.Combine(folder, "Bad.cs"), "public static class Bad { public static int One() => 1 }");

        var fromCsc = await CscSharedAsync("Bad.cs", "bad-csc.dll"); // first: it starts the kit's server if none runs
        var bad = await CompilerServerClient.TryCompileAsync(
            Compiler,
            Arguments("Bad.cs", "bad.dll"),
            folder,
            TimeSpan.FromMinutes(1),
            cancellation
        );
        var good = await CompilerServerClient.TryCompileAsync(
            Compiler,
            Arguments("Good.cs", "good.dll"),
            folder,
            TimeSpan.FromMinutes(1),
            cancellation
        );

        Assert.NotNull(bad);
        Assert.Equal(fromCsc.ExitCode, bad.Value.ExitCode);
        Assert.Equal(1, bad.Value.ExitCode);
        Assert.Contains("Bad.cs(1,56): error CS1002: ; expected", bad.Value.Output);
        Assert.Equal(fromCsc.StandardOutput.Trim(), bad.Value.Output.Trim());
        Assert.Equal((0, ""), (good!.Value.ExitCode, good.Value.Output.Trim()));
        Assert.True(File.Exists(Path.Combine(folder, "good.dll")));
    }

    [Fact]
    public async Task The_kits_server_runs_without_tiered_compilation()
    {
        File.WriteAllText(Path.Combine(folder, "Good.cs"), "public static class Good { public static int One() => 1; }");
        Assert.Equal(0, (await CscSharedAsync("Good.cs", "good.dll")).ExitCode);

        // Not MSBuild's server (its pipe is named after the folder alone), and started with the kit's environment.
        Assert.StartsWith("exercisekit-", CompilerServerClient.KitPipeName(Compiler));
        var server = Assert.Single(
            Directory.GetDirectories("/proc"),
            p =>
                ReadOrEmpty(Path.Combine(p, "cmdline"))
                    .Contains("-pipename:" + CompilerServerClient.KitPipeName(Compiler), StringComparison.Ordinal)
        );
        Assert.Contains("DOTNET_TieredCompilation=0", ReadOrEmpty(Path.Combine(server, "environ")).Split('\0'));
    }

    /// <summary>csc as QuickCompile runs it when the kit's server does not answer.</summary>
    private Task<ProcessOutcome> CscSharedAsync(string source, string output) =>
        ProcessRunner.RunAsync(
            "dotnet",
            ["exec", Compiler, CompilerServerClient.SharedArgument(Compiler), .. Arguments(source, output)],
            TimeSpan.FromMinutes(2),
            folder,
            TestContext.Current.CancellationToken,
            environment: CompilerServerClient.ServerEnvironment
        );

    private static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    [Fact]
    public async Task Without_a_server_for_that_compiler_the_compile_is_left_to_csc()
    {
        var elsewhere = Path.Combine(folder, "csc.dll"); // a folder no server listens for
        File.Copy(Compiler, elsewhere);

        var outcome = await CompilerServerClient.TryCompileAsync(
            elsewhere,
            Arguments("Good.cs", "good.dll"),
            folder,
            TimeSpan.FromMinutes(1),
            TestContext.Current.CancellationToken
        );

        Assert.Null(outcome);
    }

    private static string[] Arguments(string source, string output) =>
        [
            "/noconfig",
            "/nologo",
            "/nostdlib+",
            "/target:library",
            "/deterministic+",
            $"/reference:{Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "System.Private.CoreLib.dll")}",
            $"/out:{output}",
            source,
        ];

    /// <summary>The csc.dll of the SDK global.json pins.</summary>
    private static readonly string Compiler = FindCompiler();

    private static string FindCompiler()
    {
        using var globalJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(Kit.Layout.Root, "global.json")));
        var version = globalJson.RootElement.GetProperty("sdk").GetProperty("version").GetString()!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        return Path.Combine(dotnetRoot, "sdk", version, "Roslyn", "bincore", "csc.dll");
    }
}
