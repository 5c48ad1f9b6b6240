namespace ExerciseKit.Grading.Boundary;

/// <summary>An <see cref="IAsyncEnumerable{T}"/> the learner's code returned: each step is a call into the subject.</summary>
internal sealed class RemoteAsyncEnumerable<T>(SubjectProcess subject, long handle) : IAsyncEnumerable<T>
{
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        var enumerator = (SubjectProcess.RemoteHandle)
            subject.Invoke(
                Frames.OnHandle,
                "",
                handle,
                "GetAsyncEnumerator",
                [cancellationToken],
                ["CancellationToken"],
                typeof(SubjectProcess.RemoteHandle)
            )!;
        return new Enumerator(subject, enumerator.Id);
    }

    private sealed class Enumerator(SubjectProcess subject, long handle) : IAsyncEnumerator<T>
    {
        public T Current { get; private set; } = default!;

        public async ValueTask<bool> MoveNextAsync()
        {
            var (more, item) = ((bool, T))
                (await subject.InvokeAsync(Frames.OnHandle, "", handle, Frames.NextItem, [], [], typeof((bool, T))))!;
            if (more)
            {
                Current = item;
            }
            return more;
        }

        public async ValueTask DisposeAsync()
        {
            await subject.InvokeAsync(Frames.OnHandle, "", handle, "DisposeAsync", [], [], typeof(object));
            subject.Release(handle);
        }
    }
}
