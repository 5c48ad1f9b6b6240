using System.Runtime.InteropServices;

namespace ExerciseKit.Grading.Torch;

/// <summary>
/// libtorch 2.10 ships oneDNN 3.7.1, whose AVX-512 float32 convolution backward pass returns NaN weight gradients
/// once freed tensor memory is reused (two stacked Conv2d, any dispose scope or GC; float64 and AVX2 are fine).
/// oneDNN reads <c>ONEDNN_MAX_CPU_ISA</c> once, natively, before its first kernel, so the cap is set with libc's
/// setenv (the .NET environment block is not visible to native code) at grader start-up.
/// </summary>
public static class OneDnnIsaCap
{
    public const string Variable = "ONEDNN_MAX_CPU_ISA";
    public const string Cap = "AVX2";

    /// <summary>Caps oneDNN at AVX2 unless the variable is already set (an explicit choice wins).</summary>
    public static void Apply()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Variable) is not null)
        {
            return;
        }

        Environment.SetEnvironmentVariable(Variable, Cap);
        if (NativeSetEnv(Variable, Cap, overwrite: 0) != 0)
        {
            throw new InvalidOperationException($"setenv({Variable}) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [DllImport("libc", EntryPoint = "setenv", SetLastError = true)]
    private static extern int NativeSetEnv(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string name,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string value,
        int overwrite
    );
}
