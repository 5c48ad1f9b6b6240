namespace ExerciseKit.Tests.Classroom;

/// <summary>
/// BinaryLogistic.cs files for exercise 01 that attack the grading instead of solving it. Each keeps the stub's
/// other files, so everything it does not attack simply reports "not implemented".
/// </summary>
internal static class HostileSubmissions
{
    private const string Header = """
        using System.Diagnostics;
        using static TorchSharp.torch;

        namespace ExerciseKit.Exercises.LogisticRegression;

        """;

    private const string OtherMembers = """

            public static Tensor Loss(Tensor x, Tensor y, Tensor w, Tensor b) => throw new NotImplementedException("not attempted");

            public static Parameters Gradient(Tensor x, Tensor y, Tensor w, Tensor b) => throw new NotImplementedException("not attempted");
        }
        """;

    /// <summary>Writes an all-passed result file into the grader's results folder and makes it read-only.</summary>
    public static string Forger(IEnumerable<string> testNames) =>
        Header
        + "public static class BinaryLogistic\n{\n"
        + "    private const string Fake = \"\"\"\n"
        + "        <assemblies><assembly><collection>\n"
        + string.Concat(testNames.Select(n => $"        <test name=\"{n}\" result=\"Pass\" time=\"0.1\" />\n"))
        + "        </collection></assembly></assemblies>\n"
        + "        \"\"\";\n"
        + """

                static BinaryLogistic()
                {
                    try
                    {
                        foreach (var folder in Directory.GetDirectories("/tmp/exercisekit-runs"))
                        {
                            var results = Path.Combine(folder, "results.xml");
                            File.WriteAllText(results, Fake);
                            File.SetUnixFileMode(results, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                        }
                    }
                    catch (IOException)
                    {
                        // no run folder where the learner's code runs
                    }
                }

                public static Tensor Sigmoid(Tensor z) => throw new NotImplementedException("the forger never computes anything");
            """
        + OtherMembers;

    /// <summary>Holds on to ever more memory.</summary>
    public const string MemoryHog =
        Header
        + """
            public static class BinaryLogistic
            {
                private static readonly List<byte[]> Hoard = [];

                public static Tensor Sigmoid(Tensor z)
                {
                    while (true)
                    {
                        var block = new byte[64 << 20];
                        Array.Fill(block, (byte)1);
                        Hoard.Add(block);
                    }
                }
            """
        + OtherMembers;

    /// <summary>Starts processes until it cannot.</summary>
    public const string ForkBomb =
        Header
        + """
            public static class BinaryLogistic
            {
                public static Tensor Sigmoid(Tensor z)
                {
                    while (true)
                    {
                        Process.Start("/bin/sleep", "60");
                    }
                }
            """
        + OtherMembers;

    /// <summary>Computes the right answer only if it can read the reference solution from the instructor's kit.</summary>
    public static string SolutionReader(string solutionPath) =>
        Header
        + "public static class BinaryLogistic\n{\n"
        + $"    private const string Solution = \"{solutionPath}\";\n"
        + """

                public static Tensor Sigmoid(Tensor z) =>
                    File.Exists(Solution) ? sigmoid(z) : throw new InvalidOperationException("the solutions are not visible from here");
            """
        + OtherMembers;

    /// <summary>Leaks the grading process's environment through the network (refused at build time: EK0002).</summary>
    public const string Networker =
        Header
        + """
            public static class BinaryLogistic
            {
                public static Tensor Sigmoid(Tensor z)
                {
                    using var client = new System.Net.Sockets.TcpClient("example.com", 80);
                    return z;
                }
            """
        + OtherMembers;

    /// <summary>Recurses until the stack overflows, which takes the whole grading process down.</summary>
    public const string StackOverflow =
        Header
        + """
            public static class BinaryLogistic
            {
                public static Tensor Sigmoid(Tensor z) => Sigmoid(z + 1);
            """
        + OtherMembers;

    /// <summary>Returns NaN everywhere: naive comparisons (NaN &lt; tolerance is false) must not let it through.</summary>
    public const string NotANumber =
        Header
        + """
            public static class BinaryLogistic
            {
                public static Tensor Sigmoid(Tensor z) => full_like(z, double.NaN);
            """
        + OtherMembers;

    /// <summary>Tries to leave a results file that is not XML (and read-only), then computes the right sigmoid.</summary>
    public const string ResultsCorrupter =
        Header
        + """
            public static class BinaryLogistic
            {
                static BinaryLogistic()
                {
                    try
                    {
                        var runs = "/tmp/exercisekit-runs";
                        foreach (var folder in Directory.GetDirectories(runs, "*", SearchOption.AllDirectories).Append(runs))
                        {
                            var results = Path.Combine(folder, "results.xml");
                            File.WriteAllText(results, "<assemblies><assembly name=\"unclosed");
                            File.SetUnixFileMode(results, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                        }
                    }
                    catch (IOException)
                    {
                        // no run folder where the learner's code runs
                    }
                }

                public static Tensor Sigmoid(Tensor z) => sigmoid(z);
            """
        + OtherMembers;

    /// <summary>Computes the right answer only if a variable of the host's environment reached the grading process.</summary>
    public static string EnvironmentReader(string variable) =>
        Header
        + "public static class BinaryLogistic\n{\n"
        + $"    private const string Variable = \"{variable}\";\n"
        + """

                public static Tensor Sigmoid(Tensor z) =>
                    Environment.GetEnvironmentVariable(Variable) is not null
                        ? sigmoid(z)
                        : throw new InvalidOperationException("no host secret is visible from here");
            """
        + OtherMembers;

    /// <summary>Fills the sandbox's /tmp with files just under the per-file limit, then would compute the right answer.</summary>
    public const string TempFiller =
        Header
        + """
            public static class BinaryLogistic
            {
                public static Tensor Sigmoid(Tensor z)
                {
                    var block = new byte[32 << 20];
                    for (var i = 0; i < 64; i++)
                    {
                        File.WriteAllBytes($"/tmp/fill-{i}", block);
                    }
                    return sigmoid(z);
                }
            """
        + OtherMembers;

    /// <summary>Tries to fill the judge's run folder on the host's disk; in the sandbox only a folder of that name in its capped /tmp shows.</summary>
    public const string DiskFiller =
        Header
        + """
            public static class BinaryLogistic
            {
                public static Tensor Sigmoid(Tensor z)
                {
                    var block = new byte[16 << 20];
                    var folder = Directory.GetDirectories("/tmp/exercisekit-runs", "*", SearchOption.AllDirectories).FirstOrDefault(d => !d.EndsWith("scratch"))
                        ?? throw new InvalidOperationException("the run folder is out of reach");
                    for (var i = 0; i < 64; i++)
                    {
                        File.WriteAllBytes(Path.Combine(folder, $"fill-{i}"), block);
                    }
                    Thread.Sleep(3000);
                    return sigmoid(z);
                }
            """
        + OtherMembers;
}
