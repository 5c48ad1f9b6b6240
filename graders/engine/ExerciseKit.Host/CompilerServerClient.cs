using System.IO.Pipes;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Security.Cryptography;
using System.Text;

namespace ExerciseKit.Host;

/// <summary>
/// Sends a compile to a compiler server (VBCSCompiler) the way `csc /shared` does, but from this process: a warm grade
/// then starts no csc client process. The wire format is the one the SDK's own client speaks (a
/// length-prefixed request of the client's commit hash, working folder and arguments; the reply carries csc's exit code
/// and output); the server listens on a Unix socket in /tmp named after its pipe. Returns null whenever the server
/// cannot take the compile — none running, another compiler version, a refusal, a broken connection — and the caller
/// runs csc (<see cref="SharedArgument"/>, <see cref="ServerEnvironment"/>), which also starts the server.
/// <para>
/// Grades use a server of the kit's own (<see cref="KitPipeName"/>), not the one MSBuild shares: that one runs with
/// whatever environment the build that started it had, and a fresh one spends minutes compiling Roslyn's hot methods
/// again in the background (tiered JIT), on the core a grader timing one worker against two was counting on
/// (figures: graders/docs/performance.md). The kit's server starts without tiered compilation: Roslyn's
/// precompiled code runs as it is, and nothing runs in the background between compiles.
/// </para>
/// </summary>
public static class CompilerServerClient
{
    private const uint CSharpCompile = 0x44532521; // the protocol's language tag
    private const int Completed = 1; // reply type

    private enum ArgumentKind
    {
        CurrentDirectory = 0x51147221,
        CommandLineArgument,
        LibEnvVariable,
        KeepAlive,
        Shutdown,
        TempDirectory,
    }

    private static readonly Dictionary<string, string?> CommitHashes = new(StringComparer.Ordinal);

    /// <param name="compiler">The SDK's csc.dll: its folder names the server, its commit hash must be the server's.</param>
    /// <returns>csc's exit code and output, or null when csc must run instead.</returns>
    public static async Task<(int ExitCode, string Output)?> TryCompileAsync(
        string compiler,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        TimeSpan limit,
        CancellationToken cancellation
    )
    {
        if (OperatingSystem.IsWindows())
        {
            return null; // a named pipe there, with an elevation check: csc handles it
        }
        var socket = Path.Combine("/tmp", KitPipeName(compiler));
        if (!File.Exists(socket) || CommitHash(compiler) is not { } hash)
        {
            return null;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(limit);
        try
        {
            await using var pipe = new NamedPipeClientStream(
                ".",
                socket,
                PipeDirection.InOut,
                PipeOptions.Asynchronous | PipeOptions.CurrentUserOnly
            );
            await pipe.ConnectAsync(TimeSpan.FromSeconds(2), deadline.Token);
            await pipe.WriteAsync(Request(hash, arguments, workingDirectory), deadline.Token);
            return await ReadReplyAsync(pipe, deadline.Token);
        }
        catch (Exception e)
            when (e is IOException or TimeoutException or UnauthorizedAccessException
                || (e is OperationCanceledException && !cancellation.IsCancellationRequested)
            )
        {
            return null;
        }
    }

    /// <summary>The fallback: csc itself, sent to the kit's server (<see cref="SharedArgument"/>), which it starts when none runs.</summary>
    public static async Task<(int ExitCode, string Output)> CompileWithCscAsync(
        string compiler,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        CancellationToken cancellation
    )
    {
        var outcome = await ProcessRunner.RunAsync(
            "dotnet",
            ["exec", compiler, SharedArgument(compiler), .. arguments],
            timeout,
            workingDirectory,
            cancellation,
            environment: ServerEnvironment
        );
        return (outcome.ExitCode, outcome.StandardOutput + outcome.StandardError);
    }

    /// <summary>The kit's compiler server for this compiler (per user and compiler folder, as MSBuild's is).</summary>
    public static string KitPipeName(string compiler) =>
        "exercisekit-" + PipeName(Environment.UserName, Path.GetDirectoryName(Path.GetFullPath(compiler))!)[..20];

    /// <summary>csc's option that sends the compile to the kit's server (starting it when none listens).</summary>
    public static string SharedArgument(string compiler) => "/shared:" + KitPipeName(compiler);

    /// <summary>For the csc client that may start the server: the server inherits it.</summary>
    public static IReadOnlyDictionary<string, string> ServerEnvironment { get; } =
        new Dictionary<string, string> { ["DOTNET_TieredCompilation"] = "0" };

    /// <summary>MSBuild's server's socket name: SHA-256 of "user.isAdmin.folder" (folder lower-cased) in base64, '/' as '_', no padding.</summary>
    public static string PipeName(string user, string clientDirectory)
    {
        var folder = clientDirectory.TrimEnd(Path.DirectorySeparatorChar).ToLowerInvariant();
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{user}.False.{folder}"));
        return Convert.ToBase64String(digest).Replace("/", "_", StringComparison.Ordinal).Replace("=", "", StringComparison.Ordinal);
    }

    private static byte[] Request(string hash, IReadOnlyList<string> arguments, string workingDirectory)
    {
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, Encoding.Unicode, leaveOpen: true))
        {
            writer.Write(""); // request id: only for the server's log
            writer.Write(CSharpCompile);
            writer.Write(hash);
            writer.Write(arguments.Count + 2);
            WriteArgument(writer, ArgumentKind.CurrentDirectory, 0, workingDirectory);
            WriteArgument(writer, ArgumentKind.TempDirectory, 0, Path.GetTempPath());
            for (var i = 0; i < arguments.Count; i++)
            {
                WriteArgument(writer, ArgumentKind.CommandLineArgument, i, arguments[i]);
            }
        }
        var request = new byte[4 + body.Length];
        BitConverter.TryWriteBytes(request, (int)body.Length);
        body.ToArray().CopyTo(request, 4);
        return request;
    }

    private static void WriteArgument(BinaryWriter writer, ArgumentKind kind, int index, string value)
    {
        writer.Write((int)kind);
        writer.Write(index);
        writer.Write(value.Length);
        writer.Write(value.ToCharArray());
    }

    private static async Task<(int, string)?> ReadReplyAsync(Stream pipe, CancellationToken cancellation)
    {
        var length = new byte[4];
        await pipe.ReadExactlyAsync(length, cancellation);
        var reply = new byte[BitConverter.ToUInt32(length)];
        await pipe.ReadExactlyAsync(reply, cancellation);

        using var reader = new BinaryReader(new MemoryStream(reply), Encoding.Unicode);
        if (reader.ReadInt32() != Completed)
        {
            return null; // another compiler version, a server shutting down, analyzers it cannot load: csc decides
        }
        var exitCode = reader.ReadInt32();
        _ = reader.ReadBoolean(); // the output was meant for a UTF-8 console
        var characters = reader.ReadInt32();
        return (exitCode, characters < 0 ? "" : new string(reader.ReadChars(characters)));
    }

    /// <summary>The [assembly: CommitHash("…")] the SDK's csc.dll carries: the server refuses a client built from another.</summary>
    private static string? CommitHash(string compiler)
    {
        lock (CommitHashes)
        {
            if (!CommitHashes.TryGetValue(compiler, out var hash))
            {
                CommitHashes[compiler] = hash = ReadCommitHash(compiler);
            }
            return hash;
        }
    }

    private static string? ReadCommitHash(string compiler)
    {
        try
        {
            using var pe = new PEReader(File.OpenRead(compiler));
            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
            {
                var attribute = metadata.GetCustomAttribute(handle);
                if (AttributeTypeName(metadata, attribute.Constructor) != "CommitHashAttribute")
                {
                    continue;
                }
                var value = metadata.GetBlobReader(attribute.Value);
                return value.ReadUInt16() == 1 ? value.ReadSerializedString() : null; // prolog, then the one string argument
            }
        }
        catch (Exception e) when (e is IOException or BadImageFormatException or InvalidOperationException)
        {
            // Not a compiler this can read: csc runs.
        }
        return null;
    }

    private static string? AttributeTypeName(MetadataReader metadata, EntityHandle constructor) =>
        constructor.Kind switch
        {
            HandleKind.MethodDefinition => metadata.GetString(
                metadata.GetTypeDefinition(metadata.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType()).Name
            ),
            HandleKind.MemberReference
                when metadata.GetMemberReference((MemberReferenceHandle)constructor).Parent is { Kind: HandleKind.TypeReference } parent =>
                metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)parent).Name),
            _ => null,
        };
}
