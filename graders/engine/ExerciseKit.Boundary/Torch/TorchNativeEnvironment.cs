using System.Runtime.InteropServices;

namespace ExerciseKit.Boundary.Torch;

/// <summary>
/// Native settings libtorch reads once, before its first use, from the C environment (the .NET environment block
/// is not visible to native code, so they are set with libc's setenv). A value already set by the user wins.
/// </summary>
public static class TorchNativeEnvironment
{
    /// <summary>
    /// libtorch 2.10 ships oneDNN 3.7.1, whose AVX-512 float32 convolution backward pass returns NaN weight
    /// gradients once freed tensor memory is reused (two stacked Conv2d, any dispose scope or GC; float64 and AVX2
    /// are fine). Capping oneDNN at AVX2 avoids those kernels.
    /// </summary>
    public static readonly (string Name, string Value) OneDnnIsaCap = ("ONEDNN_MAX_CPU_ISA", "AVX2");

    /// <summary>
    /// glibc's malloc hands large blocks back to the system on free and starts with a small threshold for serving
    /// them by mmap: every training step then page-faults its tensors in afresh, and the first training of a
    /// process ran at about half speed (graders/docs/performance.md). Fixed thresholds keep freed
    /// tensor memory for the next step (up to <see cref="TrimThreshold"/> of it).
    /// </summary>
    public const int MmapThreshold = 32 << 20; // glibc's maximum on 64-bit

    public const int TrimThreshold = 256 << 20;

    public static void Prepare()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        KeepFreedMemory();

        foreach (var (name, value) in new[] { OneDnnIsaCap })
        {
            if (Environment.GetEnvironmentVariable(name) is not null)
            {
                continue;
            }

            Environment.SetEnvironmentVariable(name, value);
            if (NativeSetEnv(name, value, overwrite: 0) != 0)
            {
                throw new InvalidOperationException($"setenv({name}) failed with errno {Marshal.GetLastPInvokeError()}.");
            }
        }
    }

    private static void KeepFreedMemory()
    {
        try
        {
            _ = MallocOption(-3, MmapThreshold); // M_MMAP_THRESHOLD
            _ = MallocOption(-1, TrimThreshold); // M_TRIM_THRESHOLD
        }
        catch (EntryPointNotFoundException)
        {
            // not glibc: only speed is lost
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallocOption(int option, int value);

    [DllImport("libc", EntryPoint = "setenv", SetLastError = true)]
    private static extern int NativeSetEnv(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string name,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string value,
        int overwrite
    );
}
