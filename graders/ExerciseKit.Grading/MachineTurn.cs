namespace ExerciseKit.Grading;

/// <summary>
/// How graders that time code get the machine to themselves from a host that grades several submissions at once
/// (grade-batch -j): the host offers turns in <see cref="Variable"/>; such a grader prints <see cref="Request"/> on
/// its standard output and waits for one line on its standard input, which the host writes once nothing else of its
/// runs. The turn lasts until the grader process ends. Without the variable (an IDE, `dotnet test`, `check`) there
/// is nobody to share with, and the grader goes on at once.
/// </summary>
public static class MachineTurn
{
    public const string Variable = "EXERCISEKIT_MACHINE_TURNS";

    public const string Request = "##exercisekit: the machine alone, please";

    public static void Take()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            return;
        }
        Console.Out.WriteLine(Request);
        Console.Out.Flush();
        _ = Console.In.ReadLine();
    }
}
