using System.CommandLine;
using ExerciseKit.Cli;

var exercises = new Argument<string[]>("exercise")
{
    Arity = ArgumentArity.ZeroOrMore,
    Description = "Exercise ids to grade, e.g. 01-logistic-regression (default: all).",
};
var source = new Option<string>("--source")
{
    Description = "What to grade: 'exercises' (your code, default), 'solutions', or a folder holding <exercise-id>/ subfolders.",
    DefaultValueFactory = _ => "exercises",
};
var check = new Command("check", "Build and grade exercises; print points and feedback per test.") { exercises, source };
check.SetAction(
    (parse, cancellation) =>
        CheckCommand.RunAsync(parse.GetValue(exercises) ?? [], parse.GetValue(source)!, Console.Out, Console.Error, cancellation)
);

var format = new Option<string>("--format")
{
    Description = $"Report format: {ExerciseKit.Cli.Reports.ReportFormat.NamesText}.",
    Required = true,
};
var outPath = new Option<string?>("--out") { Description = "File to write (atomically); standard output when omitted." };
var grade = new Command("grade", "Grade exercises and write one report for CI (JUnit, Gradescope, GitHub Classroom, SARIF, …).")
{
    exercises,
    source,
    format,
    outPath,
};
grade.SetAction(
    (parse, cancellation) =>
        GradeCommand.RunAsync(
            parse.GetValue(exercises) ?? [],
            parse.GetValue(source)!,
            parse.GetValue(format)!,
            parse.GetValue(outPath),
            Console.Out,
            Console.Error,
            cancellation
        )
);

var hintExercise = new Argument<string>("exercise") { Description = "The exercise id, e.g. 02-segmentation-dataset." };
var hint = new Command("hint", "Show the next hint for an exercise, one at a time.") { hintExercise };
hint.SetAction(parse => HintCommand.Run(Environment.CurrentDirectory, parse.GetValue(hintExercise)!, Console.Out, Console.Error));

var list = new Command("list", "List the exercises with the status and points of their last check.");
list.SetAction(_ => ListCommand.Run(Environment.CurrentDirectory, Console.Out, Console.Error));

var watchExercise = new Argument<string?>("exercise")
{
    Arity = ArgumentArity.ZeroOrOne,
    Description = "The exercise to watch (default: the first one not passing yet).",
};
var watch = new Command("watch", "Grade an exercise again every time you save one of its files.") { watchExercise };
watch.SetAction((parse, cancellation) => WatchCommand.RunAsync(parse.GetValue(watchExercise), Console.Out, Console.Error, cancellation));

var submissions = new Argument<string>("submissions")
{
    Description = "Folder of submissions: one folder, .zip or git .bundle per student.",
};
var batchOut = new Option<string>("--out") { Description = "Folder for gradebook.csv and feedback/ (reused to resume).", Required = true };
var batchExercises = new Option<string[]>("--exercise")
{
    Description = "Grade only these exercises (default: all).",
    AllowMultipleArgumentsPerToken = true,
};
var jobs = new Option<int>("-j", "--jobs") { Description = "Submissions graded in parallel.", DefaultValueFactory = _ => 1 };
var shard = new Option<string>("--shard")
{
    Description = "Grade only shard i of n (i/n), e.g. one CI runner's share.",
    DefaultValueFactory = _ => "1/1",
};
var noSandbox = new Option<bool>("--no-sandbox") { Description = "Grade even when no sandbox (bwrap) is available. Never the default." };
var regradeUnmeasured = new Option<bool>("--regrade-unmeasured")
{
    Description = "Grade again the submissions whose row says \"needs regrade\" (a test the busy machine could not measure).",
};
var gradeBatch = new Command("grade-batch", "Grade a class of submissions in a sandbox: gradebook CSV and per-student feedback.")
{
    submissions,
    batchOut,
    batchExercises,
    jobs,
    shard,
    noSandbox,
    regradeUnmeasured,
};
gradeBatch.SetAction(
    (parse, cancellation) =>
        GradeBatchCommand.RunAsync(
            parse.GetValue(submissions)!,
            parse.GetValue(batchOut)!,
            parse.GetValue(batchExercises) ?? [],
            parse.GetValue(jobs),
            parse.GetValue(shard)!,
            parse.GetValue(noSandbox),
            parse.GetValue(regradeUnmeasured),
            Console.Out,
            Console.Error,
            cancellation
        )
);

var books = new Argument<string[]>("gradebooks") { Arity = ArgumentArity.OneOrMore, Description = "gradebook.csv files of the shards." };
var mergeOut = new Option<string>("--out") { Description = "The merged gradebook to write (atomically).", Required = true };
var merge = new Command("merge", "Combine shard gradebooks into one; a student in two shards is an error.") { books, mergeOut };
merge.SetAction(parse => GradeBatchCommand.Merge(parse.GetValue(books) ?? [], parse.GetValue(mergeOut)!, Console.Out, Console.Error));

var releaseTarget = new Argument<string>("folder") { Description = "Where to write the student repository (outside the kit)." };
var force = new Option<bool>("--force") { Description = "Replace the contents of a non-empty folder." };
var noVerify = new Option<bool>("--no-verify")
{
    Description = "Skip building the release, checking that every exercise reports unsolved and that the reference answers pass.",
};
var release = new Command("release", "Write the student repository: stubs, public graders, analyzers, CLI and a Classroom workflow.")
{
    releaseTarget,
    force,
    noVerify,
};
release.SetAction(
    (parse, cancellation) =>
        ReleaseCommand.RunAsync(
            parse.GetValue(releaseTarget)!,
            parse.GetValue(force),
            !parse.GetValue(noVerify),
            Console.Out,
            Console.Error,
            cancellation
        )
);

var newId = new Argument<string>("id")
{
    Description = "The new exercise's id: two digits, a dash and lower-case words, e.g. 05-batch-norm.",
};
var newTitle = new Option<string>("--title") { Description = "The exercise's title.", Required = true };
var torch = new Option<bool>("--torch") { Description = "The exercise and its graders use TorchSharp." };
var create = new Command("new", "Create a new exercise: exercise, solution and grader folders, metadata, README, hints, solution entries.")
{
    newId,
    newTitle,
    torch,
};
create.SetAction(
    (parse, cancellation) =>
        NewCommand.RunAsync(
            parse.GetValue(newId)!,
            parse.GetValue(newTitle)!,
            parse.GetValue(torch),
            Console.Out,
            Console.Error,
            cancellation
        )
);

var root = new RootCommand("ExerciseKit: hands-on ML exercises, graded.")
{
    list,
    check,
    watch,
    hint,
    grade,
    gradeBatch,
    merge,
    release,
    create,
};
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // Bad input is one line and exit code 2, like every other usage error of the kit (System.CommandLine's own answer
    // is the whole help text and exit code 1).
    var command = string.Join(
        ' ',
        ["exercisekit", .. parsed.CommandResult.Command == root ? [] : new[] { parsed.CommandResult.Command.Name }]
    );
    // "Unrecognized command or argument 'x'" says more than the "Required command was not provided" that comes with it.
    var error = parsed.Errors.OrderBy(e => e.Message.StartsWith("Required command", StringComparison.Ordinal) ? 1 : 0).First();
    return ExitCode.Refuse(Console.Error, $"{error.Message} (see `{command} --help`)");
}
return await parsed.InvokeAsync();
