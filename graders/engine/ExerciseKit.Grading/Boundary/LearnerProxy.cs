using System.Reflection;

namespace ExerciseKit.Grading.Boundary;

/// <summary>An interface of the graders, implemented by calls into the subject: on a type's statics or on one object there.</summary>
public class LearnerProxy : DispatchProxy
{
    private SubjectProcess? subject; // null for a type's statics: whichever subject runs now
    private string typeName = "";

    /// <summary>The subject's handle of the object; 0 for a type's static members.</summary>
    internal long Handle { get; private set; }

    internal SubjectProcess? Subject => subject;

    internal static T ForType<T>(string typeName)
        where T : class => (T)Create(typeof(T), null, typeName, 0);

    internal static object Create(Type contract, SubjectProcess? subject, string typeName, long handle)
    {
        var proxy = Create(contract, typeof(LearnerProxy));
        var self = (LearnerProxy)proxy;
        (self.subject, self.typeName, self.Handle) = (subject, typeName, handle);
        return proxy;
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(method);
        var arguments = args ?? [];
        var hints = method.GetParameters().Select(p => p.ParameterType.Name).ToArray();
        var (kind, name) = Handle == 0 ? (Frames.OnType, typeName) : (Frames.OnHandle, "");
        var target = subject ?? SubjectProcess.Current;
        var result = target.Invoke(kind, name, Handle, method.Name, arguments, hints, method.ReturnType);
        if (Handle != 0 && method.Name is "Dispose" && method.DeclaringType == typeof(IDisposable))
        {
            target.Release(Handle);
        }
        return result;
    }
}
