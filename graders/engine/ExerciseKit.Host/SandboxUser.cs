namespace ExerciseKit.Host;

/// <summary>
/// An unprivileged uid that no other grading on this machine uses while the lease is held: each worker of each batch
/// gets its own, so that one submission's fork bomb exhausts only its own process limit and two batches never share
/// a user. A lease is a lock on a file named after the uid (released by the kernel if the host dies).
/// </summary>
public sealed class SandboxUser : IDisposable
{
    public const int FirstUid = 60000;
    public const int LastUid = 64999;

    private readonly FileStream claim;

    private SandboxUser(int uid, FileStream claim) => (Uid, this.claim) = (uid, claim);

    public int Uid { get; }

    /// <exception cref="KitException">Every uid of the range is leased.</exception>
    public static SandboxUser Lease()
    {
        var folder = Path.Combine(Path.GetTempPath(), "exercisekit-uids");
        Sandbox.MakeWritable(folder, sticky: true);
        for (var uid = FirstUid; uid <= LastUid; uid++)
        {
            try
            {
                // FileShare.None is an exclusive lock (flock) on Linux: a second holder, in any process, is refused.
                var claim = new FileStream(
                    Path.Combine(folder, $"{uid}.lock"),
                    FileMode.OpenOrCreate,
                    FileAccess.ReadWrite,
                    FileShare.None
                );
                return new SandboxUser(uid, claim);
            }
            catch (IOException)
            {
                // leased by another worker or batch
            }
            catch (UnauthorizedAccessException)
            {
                // a lock file of another user's batch
            }
        }
        throw new KitException($"every sandbox uid from {FirstUid} to {LastUid} is in use by other gradings on this machine.");
    }

    public void Dispose() => claim.Dispose();
}
