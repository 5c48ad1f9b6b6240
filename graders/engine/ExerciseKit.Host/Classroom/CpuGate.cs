namespace ExerciseKit.Host.Classroom;

/// <summary>
/// Two kinds of permits, one of each per worker: a grade holds one of its kind — exercises whose graders time code
/// (`"measuresSpeed"`) run beside the others and hold the second kind. Such a grader, on its request
/// (MachineTurn), trades its permit for all of them, of both kinds, once the others' current grades have ended,
/// until it is done measuring or its grade ends.
/// </summary>
internal sealed class CpuGate(int workers)
{
    private readonly SemaphoreSlim cores = new(workers, workers);
    private readonly SemaphoreSlim beside = new(workers, workers);
    private readonly SemaphoreSlim claiming = new(1, 1);

    // Those of the grades beside first: while another worker's such grade (a wrong answer sitting out its deadlines)
    // ends, the grades that use the cores go on; only then are they drained.
    private IEnumerable<SemaphoreSlim> Every => Enumerable.Repeat(beside, workers).Concat(Enumerable.Repeat(cores, workers));

    public async Task<Permit> EnterAsync(bool besideOthers, CancellationToken cancellation)
    {
        var own = besideOthers ? beside : cores;
        await own.WaitAsync(cancellation);
        return new Permit(this, own);
    }

    public sealed class Permit(CpuGate gate, SemaphoreSlim own) : IDisposable
    {
        private readonly Lock sync = new();
        private readonly List<SemaphoreSlim> held = [own];
        private bool ended;
        private bool shared;

        // Called from the grader's output while the grade may end (Dispose) or share (Share) at any moment: a
        // permit taken after either goes back (but for one of its own kind, which a running grade keeps).
        public async Task AloneAsync(CancellationToken cancellation)
        {
            lock (sync)
            {
                if (ended || shared || held.Count > 1)
                {
                    return;
                }
                ReleaseHeld(keepOwn: false); // first its own: two graders asking at once must not wait for each other
            }
            await gate.claiming.WaitAsync(cancellation);
            try
            {
                foreach (var permit in gate.Every)
                {
                    await permit.WaitAsync(cancellation);
                    lock (sync)
                    {
                        held.Add(permit);
                        if (ended || shared)
                        {
                            ReleaseHeld(keepOwn: !ended);
                            return;
                        }
                    }
                }
            }
            finally
            {
                gate.claiming.Release();
            }
        }

        /// <summary>Back to one permit, the grade's own, for the rest of the grade.</summary>
        public void Share()
        {
            lock (sync)
            {
                shared = true;
                if (!ended)
                {
                    ReleaseHeld(keepOwn: true);
                }
            }
        }

        public void Dispose()
        {
            lock (sync)
            {
                ended = true;
                ReleaseHeld(keepOwn: false);
            }
        }

        // Under the lock. A grade that shared while it waited may hold none of its own kind: it then ends without.
        private void ReleaseHeld(bool keepOwn)
        {
            var kept = keepOwn && held.Remove(own);
            foreach (var permit in held)
            {
                permit.Release();
            }
            held.Clear();
            if (kept)
            {
                held.Add(own);
            }
        }
    }
}
