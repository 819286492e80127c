using Microsoft.Extensions.Logging;

namespace EvidenceMailWorker.Ingestion.Imap;

// Progress of a long catch-up (the first start on months of mail) in the log: count, MB and rate,
// every few seconds, so an operator can tell "slow" from "stuck".
public sealed class BacklogProgress(int total, TimeProvider clock, ILogger logger)
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(10);
    private readonly long _started = clock.GetTimestamp();
    private long _lastReport = clock.GetTimestamp();

    public int Done { get; private set; }
    public long Bytes { get; private set; }

    public void Add(long bytes)
    {
        Done++;
        Bytes += bytes;
        if (clock.GetElapsedTime(_lastReport) >= Every)
        {
            _lastReport = clock.GetTimestamp();
            Report("Mailbox backlog");
        }
    }

    public void Finish()
    {
        if (total > 1)
            Report("Mailbox sweep done");
    }

    private void Report(string what)
    {
        var seconds = Math.Max(clock.GetElapsedTime(_started).TotalSeconds, 0.001);
        logger.LogInformation("{What}: {Done}/{Total} messages, {MB:0.0} MB in {Seconds:0} s ({Rate:0.0} MB/s)",
            what, Done, total, Bytes / 1048576.0, seconds, Bytes / 1048576.0 / seconds);
    }
}
