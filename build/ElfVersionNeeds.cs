// Reads and patches the symbol-version requirements (.gnu.version_r) of a 64-bit little-endian ELF file.
// Used by build/TorchSharpNativeFix.targets (as an MSBuild inline task) and by the kit's tests.
//
// Why: TorchSharp 0.107.0's libLibTorchSharp.so requires GLIBCXX_3.4.32 for a single symbol that is never
// called. Marking that requirement weak (VER_FLG_WEAK) lets the loader accept an older libstdc++.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace ExerciseKit.Build
{
    /// <summary>One entry of .gnu.version_r: a version the file needs from a library.</summary>
    public sealed class ElfVersionNeed
    {
        public ElfVersionNeed(string library, string version, bool isWeak, long flagsOffset)
        {
            Library = library;
            Version = version;
            IsWeak = isWeak;
            FlagsOffset = flagsOffset;
        }

        public string Library { get; }
        public string Version { get; }
        public bool IsWeak { get; }

        /// <summary>File offset of the entry's 16-bit vna_flags field.</summary>
        public long FlagsOffset { get; }
    }

    public static class ElfVersionNeeds
    {
        private const uint SectionTypeVersionNeed = 0x6ffffffe; // SHT_GNU_verneed
        private const ushort FlagWeak = 0x2; // VER_FLG_WEAK

        /// <summary>Lists every version requirement of the ELF image.</summary>
        /// <exception cref="InvalidDataException">The bytes are not a 64-bit little-endian ELF file.</exception>
        public static IReadOnlyList<ElfVersionNeed> Read(byte[] elf)
        {
            RequireElf64LittleEndian(elf);
            var needs = new List<ElfVersionNeed>();
            var sectionTableOffset = checked((long)U64(elf, 0x28));
            int sectionSize = U16(elf, 0x3A);
            int sectionCount = U16(elf, 0x3C);
            for (var i = 0; i < sectionCount; i++)
            {
                var header = sectionTableOffset + (long)i * sectionSize;
                if (U32(elf, header + 0x04) != SectionTypeVersionNeed)
                {
                    continue;
                }

                var offset = checked((long)U64(elf, header + 0x18));
                var entryCount = U32(elf, header + 0x2C);
                var stringTable = StringTableOffset(elf, sectionTableOffset, sectionSize, U32(elf, header + 0x28));
                ReadVersionNeedSection(elf, offset, entryCount, stringTable, needs);
            }

            return needs;
        }

        /// <summary>Marks the named requirements weak in place; returns how many entries changed.</summary>
        public static int MarkWeak(byte[] elf, ICollection<string> versions)
        {
            var changed = 0;
            foreach (var need in Read(elf))
            {
                if (need.IsWeak || !versions.Contains(need.Version))
                {
                    continue;
                }

                var flags = (ushort)(U16(elf, need.FlagsOffset) | FlagWeak);
                elf[need.FlagsOffset] = (byte)flags;
                elf[need.FlagsOffset + 1] = (byte)(flags >> 8);
                changed++;
            }

            return changed;
        }

        /// <summary>True when the library's bytes define the version string (e.g. a libstdc++ that has GLIBCXX_3.4.32).</summary>
        public static bool Defines(byte[] library, string version)
        {
            var needle = Encoding.ASCII.GetBytes(version + "\0");
            for (var i = 0; i <= library.Length - needle.Length; i++)
            {
                // Version strings in .dynstr are NUL-terminated and preceded by a NUL.
                if (i > 0 && library[i - 1] != 0)
                {
                    continue;
                }

                var match = true;
                for (var j = 0; j < needle.Length && match; j++)
                {
                    match = library[i + j] == needle[j];
                }

                if (match)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The libstdc++ this process has mapped (the runtime loads it), else the usual install paths.</summary>
        public static string? LoadedLibStdCxx()
        {
            const string maps = "/proc/self/maps";
            var loaded = File.Exists(maps)
                ? File.ReadLines(maps).Select(l => l.Split(' ').Last()).FirstOrDefault(p => p.Contains("/libstdc++.so"))
                : null;
            return loaded ?? new[] { "/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6" }.FirstOrDefault(File.Exists);
        }

        private static void ReadVersionNeedSection(byte[] elf, long offset, uint entryCount, long stringTable, List<ElfVersionNeed> needs)
        {
            var entry = offset;
            for (var n = 0; n < entryCount; n++)
            {
                var library = CString(elf, stringTable + U32(elf, entry + 4));
                var aux = entry + U32(elf, entry + 8);
                int auxCount = U16(elf, entry + 2);
                for (var a = 0; a < auxCount; a++)
                {
                    var flags = U16(elf, aux + 4);
                    var name = CString(elf, stringTable + U32(elf, aux + 8));
                    needs.Add(new ElfVersionNeed(library, name, (flags & FlagWeak) != 0, aux + 4));
                    aux += U32(elf, aux + 12);
                }

                var next = U32(elf, entry + 12);
                if (next == 0)
                {
                    break;
                }

                entry += next;
            }
        }

        private static long StringTableOffset(byte[] elf, long sectionTableOffset, int sectionSize, uint index)
        {
            var header = sectionTableOffset + index * (long)sectionSize;
            return checked((long)U64(elf, header + 0x18));
        }

        private static void RequireElf64LittleEndian(byte[] elf)
        {
            var isElf = elf.Length >= 0x40 && elf[0] == 0x7f && elf[1] == (byte)'E' && elf[2] == (byte)'L' && elf[3] == (byte)'F';
            if (!isElf || elf[4] != 2 || elf[5] != 1)
            {
                throw new InvalidDataException("not a 64-bit little-endian ELF file");
            }
        }

        private static string CString(byte[] elf, long offset)
        {
            Check(elf, offset, 1);
            var end = offset;
            while (end < elf.Length && elf[end] != 0)
            {
                end++;
            }

            return Encoding.ASCII.GetString(elf, (int)offset, (int)(end - offset));
        }

        private static ushort U16(byte[] b, long o)
        {
            Check(b, o, 2);
            return (ushort)(b[o] | b[o + 1] << 8);
        }

        private static uint U32(byte[] b, long o)
        {
            Check(b, o, 4);
            return (uint)(b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24);
        }

        private static ulong U64(byte[] b, long o) => U32(b, o) | (ulong)U32(b, o + 4) << 32;

        private static void Check(byte[] b, long offset, int length)
        {
            if (offset < 0 || offset + length > b.Length)
            {
                throw new InvalidDataException($"ELF structure points outside the file (offset {offset})");
            }
        }
    }
}

#if !ELF_WITHOUT_MSBUILD_TASK
namespace ExerciseKit.Build
{
    using Microsoft.Build.Framework;
    using Microsoft.Build.Utilities;

    /// <summary>
    /// Marks listed version requirements weak in build-output copies of native libraries, but only when the
    /// host's libstdc++ lacks them. The patched bytes are written to a new file that replaces the output copy,
    /// so a hard link into the NuGet cache is broken, never written through.
    /// </summary>
    public sealed class MarkElfVersionNeedsWeak : Task
    {
        [Required]
        public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

        [Required]
        public string[] Versions { get; set; } = Array.Empty<string>();

        /// <summary>Optional: the libstdc++ to compare with; found from this process's mappings when empty.</summary>
        public string HostLibrary { get; set; } = "";

        public override bool Execute()
        {
            var host = string.IsNullOrEmpty(HostLibrary) ? ElfVersionNeeds.LoadedLibStdCxx() : HostLibrary;
            if (host == null || !File.Exists(host))
            {
                Log.LogMessage(MessageImportance.Normal, "TorchSharp native fix: no libstdc++ found; nothing to do.");
                return true;
            }

            var hostBytes = File.ReadAllBytes(host);
            var missing = new HashSet<string>(Versions.Where(v => !ElfVersionNeeds.Defines(hostBytes, v)));
            if (missing.Count == 0)
            {
                Log.LogMessage(MessageImportance.Low, $"TorchSharp native fix: {host} has {string.Join(", ", Versions)}; nothing to do.");
                return true;
            }

            foreach (var file in Files.Select(f => f.ItemSpec).Where(File.Exists))
            {
                Patch(file, missing);
            }

            return !Log.HasLoggedErrors;
        }

        private void Patch(string path, HashSet<string> versions)
        {
            var bytes = File.ReadAllBytes(path);
            int changed;
            try
            {
                changed = ElfVersionNeeds.MarkWeak(bytes, versions);
            }
            catch (InvalidDataException e)
            {
                Log.LogError($"TorchSharp native fix: cannot read {path}: {e.Message}");
                return;
            }

            if (changed == 0)
            {
                return;
            }

            // New file + rename: the old directory entry (maybe a hard link into the NuGet cache) is replaced,
            // never written through. Keeping the timestamp stops the next copy-local from relinking the original.
            var stamp = File.GetLastWriteTimeUtc(path);
            var temp = path + ".weak-" + Guid.NewGuid().ToString("N");
            File.WriteAllBytes(temp, bytes);
            File.SetLastWriteTimeUtc(temp, stamp);
            File.Replace(temp, path, destinationBackupFileName: null); // rename(2) on Unix
            Log.LogMessage(MessageImportance.High, $"TorchSharp native fix: marked {string.Join(", ", versions)} weak in {path}");
        }
    }
}
#endif
