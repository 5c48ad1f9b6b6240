using System.Reflection;
using System.Runtime.Loader;
using System.Text;

namespace ExerciseKit.Host;

/// <summary>
/// The public and protected API of an assembly as text: what graders compiled against it can see. Two builds with
/// the same surface are interchangeable under a compiled grader; private helpers, method bodies, async state machines
/// and nullable bookkeeping do not count (they change the bytes of a reference assembly, not the API).
/// </summary>
public static class PublicSurface
{
    /// <param name="dependencies">Where the assemblies it references live (the grader's output folder).</param>
    public static string Of(string assemblyPath, string dependencies)
    {
        var context = new AssemblyLoadContext($"surface of {Path.GetFileName(assemblyPath)}", isCollectible: true);
        context.Resolving += (loader, name) =>
        {
            var candidate = Path.Combine(dependencies, name.Name + ".dll");
            return File.Exists(candidate) ? loader.LoadFromStream(new MemoryStream(File.ReadAllBytes(candidate))) : null;
        };
        try
        {
            var assembly = context.LoadFromStream(new MemoryStream(File.ReadAllBytes(assemblyPath)));
            var text = new StringBuilder();
            foreach (var type in assembly.GetTypes().Where(Visible).OrderBy(t => t.FullName, StringComparer.Ordinal))
            {
                text.Append(type.FullName).Append(" : ").Append(type.BaseType?.FullName).Append(' ');
                text.AppendJoin(", ", type.GetInterfaces().Select(i => i.FullName).Order(StringComparer.Ordinal)).Append('\n');
                var members = type.GetMembers(
                        BindingFlags.Public
                            | BindingFlags.NonPublic
                            | BindingFlags.Instance
                            | BindingFlags.Static
                            | BindingFlags.DeclaredOnly
                    )
                    .Where(Visible)
                    .Select(m => $"  {m.MemberType} {Signature(m)}")
                    .Order(StringComparer.Ordinal);
                text.AppendJoin('\n', members).Append('\n');
            }
            return text.ToString();
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or BadImageFormatException or TypeLoadException)
        {
            return $"unreadable: {e.GetType().Name}"; // never equal to a readable surface: a full build decides
        }
        finally
        {
            context.Unload();
        }
    }

    private static bool Visible(Type type) =>
        type.IsPublic || type.IsNestedPublic || type.IsNestedFamily || type.IsNestedFamORAssem
            ? type.DeclaringType is null || Visible(type.DeclaringType)
            : false;

    private static bool Visible(MemberInfo member) =>
        member switch
        {
            MethodBase method => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly,
            FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
            PropertyInfo property => property.GetAccessors(nonPublic: true).Any(Visible),
            EventInfo @event => @event.AddMethod is { } add && Visible(add),
            Type nested => Visible(nested),
            _ => false,
        };

    private static string Signature(MemberInfo member) =>
        member switch
        {
            MethodInfo method => $"{(method.IsStatic ? "static " : "")}{(method.IsVirtual ? "virtual " : "")}{method}",
            FieldInfo field =>
                $"{(field.IsStatic ? "static " : "")}{field.FieldType} {field.Name}{(field.IsLiteral ? " = " + field.GetRawConstantValue() : "")}",
            PropertyInfo property =>
                $"{property} {{{string.Join(" ", property.GetAccessors(nonPublic: true).Where(Visible).Select(a => a.Name))}}}",
            _ => member.ToString() ?? member.Name,
        };
}
