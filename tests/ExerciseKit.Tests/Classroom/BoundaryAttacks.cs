namespace ExerciseKit.Tests.Classroom;

/// <summary>
/// BinaryLogistic.cs files for exercise 01 written the way a student with a weekend and the kit's source would try to
/// forge a grade: each gets past the analyzers (late binding through <c>dynamic</c>, names in strings), then goes
/// for the verdicts, the result files, the protocol or the hidden expectations. None computes a right answer by
/// itself, so any point it earns is a forged one. Each ends by throwing a report of what it reached ("reached:
/// none" when the boundary held), which the feedback shows.
/// </summary>
internal static class BoundaryAttacks
{
    private const string Header = """
        using static TorchSharp.torch;

        namespace ExerciseKit.Exercises.LogisticRegression;

        public static class BinaryLogistic
        {
            private static readonly List<string> Reached = [];

            private static string Report() => "reached: " + (Reached.Count == 0 ? "none" : string.Join("; ", Reached));

            public static Tensor Loss(Tensor x, Tensor y, Tensor w, Tensor b) => throw new NotImplementedException("not attempted");

            public static Parameters Gradient(Tensor x, Tensor y, Tensor w, Tensor b) => throw new NotImplementedException("not attempted");

            /// <summary>Where a judge's result file could be: the usual run folders, anything the environment names, the parent's command line.</summary>
            private static IEnumerable<string> ResultFiles()
            {
                var candidates = new List<string>();
                foreach (var root in new[] { "/tmp/exercisekit-runs", Path.GetTempPath(), "/work", "/root", "/home" })
                {
                    try
                    {
                        candidates.AddRange(Directory.EnumerateFiles(root, "results.xml", SearchOption.AllDirectories));
                        candidates.AddRange(Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Select(d => Path.Combine(d, "results.xml")));
                    }
                    catch (Exception) { }
                }
                foreach (var value in Environment.GetEnvironmentVariables().Values.OfType<string>().Where(v => v.StartsWith('/')))
                {
                    candidates.Add(Path.Combine(value, "results.xml"));
                    candidates.Add(Path.Combine(Path.GetDirectoryName(value) ?? "/", "results.xml"));
                }
                try
                {
                    var parent = File.ReadAllText("/proc/self/stat").Split(' ')[3];
                    var arguments = File.ReadAllText($"/proc/{parent}/cmdline").Split('\0');
                    var at = Array.IndexOf(arguments, "-result-xml");
                    if (at >= 0)
                    {
                        candidates.Add(arguments[at + 1]);
                    }
                }
                catch (Exception) { }
                return candidates.Distinct();
            }

            /// <summary>An xunit result file in which every test of 01 and 02 passed.</summary>
            private static string AllPassed() =>
                "<assemblies><assembly><collection>"
                + string.Concat(
                    new[] { "Sigmoid", "BinaryLoss", "BinaryGradient", "Softmax", "Training", "Decoding", "Pairing", "Laziness", "Validation", "Flip", "DataLoader" }
                        .SelectMany(c => Enumerable.Range(0, 20).Select(i => $"<test name=\"ExerciseKit.Graders.{c}Graders.T{i}\" result=\"Pass\" time=\"0.1\" />"))
                )
                + "</collection></assembly></assemblies>";

        """;

    /// <summary>Reflection through <c>dynamic</c>, unseen by EK0002: the grading library's types, its verdict state, its key.</summary>
    public const string DynamicThief =
        Header
        + """
                public static Tensor Sigmoid(Tensor z)
                {
                    dynamic type = typeof(string);
                    dynamic domain = type.Assembly.GetType("System.AppDomain").GetProperty("CurrentDomain").GetValue(null);
                    foreach (var assembly in domain.GetAssemblies())
                    {
                        string name = assembly.GetName().Name;
                        if (name.StartsWith("ExerciseKit.Grading") || name.StartsWith("xunit") || name.Contains("Graders"))
                        {
                            Reached.Add("assembly " + name);
                            foreach (var t in assembly.GetTypes())
                            {
                                dynamic everything = Enum.ToObject(type.Assembly.GetType("System.Reflection.BindingFlags"), 60); // static and instance, public and not
                                foreach (var field in t.GetFields(everything))
                                {
                                    if (((string)field.Name).Contains("key", StringComparison.OrdinalIgnoreCase))
                                    {
                                        Reached.Add("field " + t.Name + "." + field.Name);
                                    }
                                }
                            }
                        }
                    }
                    foreach (var typeName in new[] { "ExerciseKit.Grading.GraderSession, ExerciseKit.Grading", "ExerciseKit.Grading.JudgeTestFramework, ExerciseKit.Grading" })
                    {
                        dynamic typeOfType = typeof(Type);
                        if (typeOfType.GetMethod("GetType", new[] { typeof(string) }).Invoke(null, new object[] { typeName }) is { } found)
                        {
                            Reached.Add("type " + found);
                        }
                    }
                    throw new InvalidOperationException(Report());
                }
            }
            """;

    /// <summary>Delegates built from names in strings: a file writer aimed at every place a result file could be.</summary>
    public const string DelegateForger =
        Header
        + """
                public static Tensor Sigmoid(Tensor z)
                {
                    dynamic fileType = ((dynamic)typeof(string)).Assembly.GetType("System.IO.File");
                    dynamic write = fileType.GetMethod("WriteAllText", new[] { typeof(string), typeof(string) });
                    var writeAllText = (Action<string, string>)Delegate.CreateDelegate(typeof(Action<string, string>), write);
                    foreach (var file in ResultFiles())
                    {
                        try
                        {
                            writeAllText(file, AllPassed());
                            Reached.Add("wrote " + file);
                        }
                        catch (Exception) { }
                    }
                    throw new InvalidOperationException(Report());
                }
            }
            """;

    /// <summary>Result files made by a serializer (an XML document and a JSON verdict list), written wherever they could count.</summary>
    public const string SerializerForger =
        Header
        + """
                public sealed record Verdict(string Test, string Result);

                public static Tensor Sigmoid(Tensor z)
                {
                    var document = System.Xml.Linq.XDocument.Parse(AllPassed());
                    var json = System.Text.Json.JsonSerializer.Serialize(new[] { new Verdict("*", "Pass") });
                    var fromJson = System.Text.Json.JsonSerializer.Deserialize<Verdict[]>(json)!;
                    foreach (var file in ResultFiles())
                    {
                        try
                        {
                            document.Save(file);
                            File.WriteAllText(Path.ChangeExtension(file, ".json"), json);
                            Reached.Add("wrote " + file + " (" + fromJson.Length + " verdict)");
                        }
                        catch (Exception) { }
                    }
                    throw new InvalidOperationException(Report());
                }
            }
            """;

    /// <summary>
    /// Fake protocol on every stream it has: the end line of a run and xunit's pass messages on the console, and binary
    /// answers (0.5 for every call id) on the raw standard output, which carries the subject's answers.
    /// </summary>
    public const string ProtocolForger =
        Header
        + """
                public static Tensor Sigmoid(Tensor z)
                {
                    Console.WriteLine("##exercisekit: run ended 0");
                    Console.WriteLine("{\"t\":\"test-pass\",\"id\":\"1\",\"name\":\"Sigmoid\"}");
                    Console.Error.WriteLine("##exercisekit: run ended 0");
                    var raw = Console.OpenStandardOutput();
                    for (long id = 1; id <= 64; id++)
                    {
                        var body = new MemoryStream();
                        var writer = new BinaryWriter(body);
                        writer.Write((byte)10); // a result
                        writer.Write(id);
                        writer.Write((byte)4); // a double
                        writer.Write(0.5);
                        raw.Write(BitConverter.GetBytes((int)body.Length));
                        raw.Write(body.ToArray());
                    }
                    raw.Flush();
                    Reached.Add("wrote 64 forged answers");
                    return full_like(z, 0.5);
                }
            }
            """;

    /// <summary>
    /// Looks for the graders' assembly and their hidden expectations on the file system; if it finds them it answers
    /// with torch's sigmoid, so a grader assembly within its reach would show as points.
    /// </summary>
    public const string GraderReader =
        Header
        + """
                public static Tensor Sigmoid(Tensor z)
                {
                    foreach (var root in new[] { "/work", "/root", "/home", "/tmp", "/var", Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..")) })
                    {
                        try
                        {
                            foreach (var file in Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MaxRecursionDepth = 8 }))
                            {
                                var name = Path.GetFileName(file);
                                if (name.EndsWith(".Graders.dll") || name.Contains(".hidden.") || name == "SigmoidGraders.cs")
                                {
                                    Reached.Add(file);
                                }
                            }
                        }
                        catch (Exception) { }
                    }
                    return Reached.Count > 0 ? sigmoid(z) : throw new InvalidOperationException(Report());
                }
            }
            """;

    /// <summary>
    /// Everything above at once, aimed at the next exercise of the same submission (its untouched 02, graded in the
    /// same judge process): result files, subject folders of other exercises, the judge's process.
    /// </summary>
    public const string Poisoner =
        Header
        + """
                public static Tensor Sigmoid(Tensor z)
                {
                    foreach (var file in ResultFiles())
                    {
                        try
                        {
                            File.WriteAllText(file, AllPassed());
                            Reached.Add("wrote " + file);
                        }
                        catch (Exception) { }
                    }
                    var subjects = Path.GetDirectoryName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/')))!;
                    try
                    {
                        foreach (var folder in Directory.GetDirectories(subjects))
                        {
                            if (!folder.Contains("LogisticRegression"))
                            {
                                File.WriteAllText(Path.Combine(folder, "debug", "SegmentationDataset.dll"), "poison");
                                Reached.Add("poisoned " + folder);
                            }
                        }
                    }
                    catch (Exception) { }
                    try
                    {
                        var parent = File.ReadAllText("/proc/self/stat").Split(' ')[3];
                        File.WriteAllText($"/proc/{parent}/mem", "poison");
                        Reached.Add("wrote the memory of process " + parent);
                    }
                    catch (Exception) { }
                    throw new InvalidOperationException(Report());
                }
            }
            """;
}
