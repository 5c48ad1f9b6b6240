// Precompiles (ReadyToRun, crossgen2) the libraries a grader process loads, so that each grader process spends its
// CPU on the tests rather than on JIT-compiling xunit, the test platform and TorchSharp. Used by
// build/ReadyToRunGraders.targets as an MSBuild inline task.
//
// Each library is compiled once per machine into a cache keyed by the SHA-256 of its bytes; a build then replaces its
// output copy with the cached image (a new file moved over the old name: a copy-local file may be a hard link into
// the NuGet cache, which must never change). A library crossgen2 refuses stays as it was: precompiling only saves time.
#nullable enable
using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace ExerciseKit.Build
{
    public sealed class ReadyToRunLibraries : Task
    {
        /// <summary>The output copies to replace by precompiled images.</summary>
        [Required]
        public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>Every assembly the libraries may reference: the shared framework's and the output folder's.</summary>
        [Required]
        public ITaskItem[] References { get; set; } = Array.Empty<ITaskItem>();

        [Required]
        public string Crossgen2 { get; set; } = "";

        [Required]
        public string CacheFolder { get; set; } = "";

        public override bool Execute()
        {
            Directory.CreateDirectory(CacheFolder);
            var references = Path.Combine(CacheFolder, Guid.NewGuid().ToString("N") + ".references.rsp");
            File.WriteAllLines(references, References.Select(r => "-r:" + r.ItemSpec));
            try
            {
                foreach (var library in Libraries.Select(l => l.ItemSpec).Where(File.Exists))
                {
                    var image = CachedImage(library, references);
                    if (image is not null)
                    {
                        var next = library + ".r2r-" + Guid.NewGuid().ToString("N");
                        File.Copy(image, next);
                        File.Delete(library); // the name only: a hard link's other names keep their bytes
                        File.Move(next, library);
                    }
                }
            }
            finally
            {
                File.Delete(references);
            }
            return !Log.HasLoggedErrors;
        }

        /// <returns>The precompiled image of the library, or null when crossgen2 cannot compile it.</returns>
        private string? CachedImage(string library, string references)
        {
            string hash;
            using (var stream = File.OpenRead(library))
            using (var sha = SHA256.Create())
            {
                hash = BitConverter.ToString(sha.ComputeHash(stream)).Replace("-", "").Substring(0, 32).ToLowerInvariant();
            }
            var folder = Path.Combine(CacheFolder, hash);
            var image = Path.Combine(folder, Path.GetFileName(library));
            var refused = Path.Combine(folder, "refused");
            if (File.Exists(image))
            {
                return image;
            }
            if (File.Exists(refused))
            {
                return null;
            }

            Directory.CreateDirectory(folder);
            var temporary = image + "." + Guid.NewGuid().ToString("N");
            var arguments = temporary + ".rsp"; // one argument per line: no quoting to get wrong
            File.WriteAllLines(
                arguments,
                new[] { library, "-o:" + temporary, "-O", "--targetos:linux", "--targetarch:x64", "@" + references }
            );
            var start = new ProcessStartInfo(Crossgen2, "@" + arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            int exitCode;
            string error;
            System.Threading.Tasks.Task<string> output;
            using (var process = Process.Start(start)!)
            {
                output = process.StandardOutput.ReadToEndAsync();
                error = process.StandardError.ReadToEnd();
                process.WaitForExit();
                exitCode = process.ExitCode;
            }
            File.Delete(arguments);
            if (exitCode != 0 || !File.Exists(temporary))
            {
                // Already precompiled, not IL, or a reference missing: it runs as it is.
                Log.LogMessage(MessageImportance.Low, $"crossgen2 left {Path.GetFileName(library)} as it is: {error}{output.Result}");
                File.WriteAllText(refused, error + output.Result);
                File.Delete(temporary);
                return null;
            }
            try
            {
                File.Move(temporary, image); // another build may have cached the same library meanwhile
            }
            catch (IOException) when (File.Exists(image))
            {
                File.Delete(temporary);
            }
            return image;
        }
    }
}
