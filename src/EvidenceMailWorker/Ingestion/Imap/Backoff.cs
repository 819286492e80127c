namespace EvidenceMailWorker.Ingestion.Imap;

// Exponential back-off with jitter: waits grow 1, 2, 4 ... up to a ceiling, each randomised to
// 50–100 % so that several workers (or a restarted server's clients) do not reconnect in lockstep.
public sealed class Backoff(TimeSpan initial, TimeSpan ceiling, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;
    private int _attempt;

    public TimeSpan Next()
    {
        var exponential = initial.TotalMilliseconds * Math.Pow(2, Math.Min(_attempt++, 20));
        var capped = Math.Min(exponential, ceiling.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + _random.NextDouble() / 2));
    }

    public void Reset() => _attempt = 0;
}
