namespace ExerciseKit.Grading;

/// <summary>
/// How graders that time code get the machine to themselves from a host that grades several submissions at once
/// (grade-batch -j): the host offers turns in <see cref="Variable"/>; such a grader prints <see cref="Request"/> on
/// its standard output and waits for one line on its standard input, which the host writes once nothing else of its
/// runs; it prints <see cref="Done"/> when it has measured, and the host lets the others run again (at the latest
/// when the grader process ends). Without the variable (an IDE, `dotnet test`, `check`) there is nobody to share
/// with, and the grader goes on at once.
/// </summary>
public static class MachineTurn
{
    public const string Variable = "EXERCISEKIT_MACHINE_TURNS";

    public const string Request = "##exercisekit: the machine alone, please";

    public const string Done = "##exercisekit: done with the machine";

    /// <summary>Has the machine to itself (where a host shares it) until the result is disposed.</summary>
    public static IDisposable Alone()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            return new Turn(offered: false);
        }
        Console.Out.WriteLine(Request);
        Console.Out.Flush();
        _ = Console.In.ReadLine();
        return new Turn(offered: true);
    }

    private sealed class Turn(bool offered) : IDisposable
    {
        private bool ended = !offered;

        public void Dispose()
        {
            if (!ended)
            {
                ended = true;
                Console.Out.WriteLine(Done);
                Console.Out.Flush();
            }
        }
    }
}
