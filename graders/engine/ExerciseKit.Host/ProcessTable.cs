namespace ExerciseKit.Host;

/// <summary>One read of Linux's process table (/proc/*/stat): each process's parent and resident memory.</summary>
internal sealed class ProcessTable
{
    private readonly Dictionary<int, List<int>> children = [];
    private readonly Dictionary<int, long> resident = [];

    public static ProcessTable Read()
    {
        var table = new ProcessTable();
        foreach (var folder in SafeEnumerate("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), out var pid) && Stat(folder) is var (parent, bytes))
            {
                table.resident[pid] = bytes;
                (table.children.TryGetValue(parent, out var list) ? list : table.children[parent] = []).Add(pid);
            }
        }
        return table;
    }

    /// <summary>The resident bytes of the process and all its descendants.</summary>
    public long ResidentBytes(int root)
    {
        var total = 0L;
        var pending = new Stack<int>([root]);
        while (pending.TryPop(out var next))
        {
            total += resident.GetValueOrDefault(next);
            foreach (var child in children.GetValueOrDefault(next) ?? [])
            {
                pending.Push(child);
            }
        }
        return total;
    }

    // "pid (name) S ppid …": after the last ')' come the state (field 3), the parent (4) … and the resident pages (24).
    private static (int Parent, long Bytes)? Stat(string folder)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(folder, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.TryParse(fields[1], out var parent) && long.TryParse(fields[21], out var pages)
                ? (parent, pages * Environment.SystemPageSize)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // ended while we looked
        }
    }

    private static IEnumerable<string> SafeEnumerate(string folder)
    {
        try
        {
            return Directory.GetDirectories(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
