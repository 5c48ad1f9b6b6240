using System.Runtime.InteropServices;

namespace ExerciseKit.Grading.Torch;

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

    public static void Prepare()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

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

    [DllImport("libc", EntryPoint = "setenv", SetLastError = true)]
    private static extern int NativeSetEnv(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string name,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string value,
        int overwrite
    );
}
