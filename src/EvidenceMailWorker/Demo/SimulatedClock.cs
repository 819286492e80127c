namespace EvidenceMailWorker.Demo;

// The demo's clock: it reads the moment the walk has reached, and only the walk moves it (forward).
// Every "now" the worker takes (received and queued times, leases, the outbox's Date: headers, job
// claims) is that simulated moment. Timers are the system's: the only ones the walk's code paths set
// are the ingestion lease renewal (harmless at any pace) and the config reload debounce (unused here).
public sealed class SimulatedClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start.ToUniversalTime();

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
            return _now;
    }

    // Never backwards: a step the walk already passed (two events at one instant) leaves it where it is.
    public void MoveTo(DateTimeOffset instant)
    {
        lock (_gate)
        {
            if (instant > _now)
                _now = instant.ToUniversalTime();
        }
    }
}
