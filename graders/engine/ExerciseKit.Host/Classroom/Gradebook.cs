using System.Globalization;
using System.Text;

namespace ExerciseKit.Host.Classroom;

/// <summary>
/// The class's grades as CSV: one row per student (sorted), one column per exercise, then total, max and a note.
/// Reading checks the header, so that shards graded with different kits or exercise sets never merge silently.
/// </summary>
public sealed record Gradebook(
    IReadOnlyList<string> Exercises,
    IReadOnlyDictionary<string, int> MaxPoints,
    IReadOnlyList<GradebookRow> Rows
)
{
    public string ToCsv()
    {
        var text = new StringBuilder();
        text.Append("student,").AppendJoin(',', Exercises).Append(",total,max,note\n");
        var max = Exercises.Sum(e => MaxPoints[e]);
        foreach (var row in Rows.OrderBy(r => r.StudentId, StringComparer.Ordinal))
        {
            text.Append(row.StudentId).Append(',');
            text.AppendJoin(',', Exercises.Select(e => row.Points.GetValueOrDefault(e)?.ToString(CultureInfo.InvariantCulture) ?? ""));
            text.Append(',').Append(row.Total.ToString(CultureInfo.InvariantCulture));
            text.Append(',').Append(max.ToString(CultureInfo.InvariantCulture));
            text.Append(',').Append(Quote(row.Note)).Append('\n');
        }
        return text.ToString();
    }

    /// <exception cref="KitException">Not a gradebook this kit wrote.</exception>
    public static Gradebook Parse(string csv, string name, IReadOnlyDictionary<string, int> maxPoints)
    {
        var lines = csv.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines.Length > 0 ? lines[0].Split(',') : [];
        if (header.Length < 5 || header[0] != "student" || header[^3..] is not ["total", "max", "note"])
        {
            throw new KitException($"{name}: not a gradebook (expected the header student,<exercises…>,total,max,note).");
        }
        var exercises = header[1..^3];
        var unknown = exercises.FirstOrDefault(e => !maxPoints.ContainsKey(e));
        if (unknown is not null)
        {
            throw new KitException($"{name}: exercise column {unknown} is not an exercise of this kit.");
        }
        var rows = new List<GradebookRow>();
        foreach (var (line, number) in lines.Skip(1).Select((l, i) => (l, i + 2)))
        {
            var cells = SplitRow(line);
            if (cells.Count != header.Length)
            {
                throw new KitException($"{name}, line {number}: {cells.Count} cells, the header has {header.Length}.");
            }
            var points = new Dictionary<string, int?>();
            for (var i = 0; i < exercises.Length; i++)
            {
                points[exercises[i]] =
                    cells[i + 1] == "" ? null
                    : int.TryParse(cells[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value
                    : throw new KitException($"{name}, line {number}: \"{cells[i + 1]}\" is not a number of points.");
            }
            rows.Add(new GradebookRow(cells[0], points, cells[^1]));
        }
        return new Gradebook(exercises, maxPoints, rows);
    }

    /// <summary>Combines shard gradebooks; the same student in two of them is an error, not a silent overwrite.</summary>
    public static Gradebook Merge(IReadOnlyList<(string Name, Gradebook Book)> books)
    {
        var exercises = books[0].Book.Exercises;
        var mismatch = books.FirstOrDefault(b => !b.Book.Exercises.SequenceEqual(exercises));
        if (mismatch.Book is not null)
        {
            throw new KitException(
                $"{mismatch.Name} grades other exercises ({string.Join(", ", mismatch.Book.Exercises)}) than {books[0].Name}."
            );
        }
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var rows = new List<GradebookRow>();
        foreach (var (name, book) in books)
        {
            foreach (var row in book.Rows)
            {
                if (seen.TryGetValue(row.StudentId, out var first))
                {
                    throw new KitException($"student {row.StudentId} is in both {first} and {name}: shards must not overlap.");
                }
                seen[row.StudentId] = name;
                rows.Add(row);
            }
        }
        return books[0].Book with { Rows = rows };
    }

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"").ReplaceLineEndings(" ") + "\"";

    private static List<string> SplitRow(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
