using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Ingestion;
using EvidenceMailWorker.Notifications;
using EvidenceMailWorker.Outbound;
using EvidenceMailWorker.Receipts;
using EvidenceMailWorker.Schedule;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EvidenceMailWorker.Demo;

// What the walk did: the import counts of the mail that arrived and how many fire times of each job ran.
public sealed record WalkResult(ImportSummary Arrived, IReadOnlyDictionary<string, int> FireTimes);

// The campaign played through the real worker on a simulated clock: every event in time order, the
// clock moved to it, then the same code the worker runs for it. A message arrives (its file is written
// to the mail folder and imported through the ingestion pipeline), a sender's receipt batch falls due
// (Receipts:QuietSeconds after their last message), or a fire time of the campaign's schedule comes
// (ScheduledFire, what Quartz calls in `run`); after each, one pass of the receipt scheduler and one of
// the outbox, as `run`'s loops make when woken. Nothing is special to the demo: another clock and
// other mail give another run.
public sealed class CampaignWalk(
    SimulatedClock clock,
    MailFileImporter importer,
    ReceiptWatermark watermark,
    ReceiptScheduler receipts,
    OutboxSender outbox,
    ScheduledFire fire,
    IOptionsMonitor<CampaignOptions> campaign,
    ILogger<CampaignWalk> logger)
{
    public async Task<WalkResult> RunAsync(IReadOnlyList<ArrivingMail> mail, DateTimeOffset from, DateTimeOffset until, string mailFolder,
        Action<DateTimeOffset, string>? progress, CancellationToken cancellationToken)
    {
        clock.MoveTo(from);
        // As at the worker's first start on a database: mail received from now on is answered.
        await watermark.EstablishAsync(cancellationToken);
        Directory.CreateDirectory(mailFolder);
        var fires = new Queue<FireTime>(new CampaignSchedule(campaign.CurrentValue).Between(from, until));
        var arrivals = new Queue<ArrivingMail>(mail.Where(m => m.ArrivesAt >= from && m.ArrivesAt < until).OrderBy(m => m.ArrivesAt));
        foreach (var outside in mail.Where(m => m.ArrivesAt < from || m.ArrivesAt >= until))
            logger.LogWarning("{File} arrives at {At:yyyy-MM-dd HH:mm zzz}, outside the walk; left out", outside.FileName, outside.ArrivesAt);
        var arrived = new ImportSummary();
        var fired = JobNames.All.ToDictionary(j => j, _ => 0, StringComparer.Ordinal);

        while (true)
        {
            var receiptDue = await receipts.UntilNextDueAsync(cancellationToken) is { } wait ? clock.GetUtcNow() + wait : (DateTimeOffset?)null;
            var nextArrival = arrivals.TryPeek(out var arriving) ? arriving.ArrivesAt : (DateTimeOffset?)null;
            var nextFire = fires.TryPeek(out var due) ? due.At : (DateTimeOffset?)null;
            var next = new[] { receiptDue, nextArrival, nextFire }.Where(t => t is not null).Min();
            if (next is not { } now)
                break;
            clock.MoveTo(now);
            if (now == receiptDue)
            {
                progress?.Invoke(now, "receipts");
            }
            else if (now == nextArrival)
            {
                var message = arrivals.Dequeue();
                progress?.Invoke(now, message.FileName);
                var path = Path.Combine(mailFolder, message.FileName);
                await File.WriteAllBytesAsync(path, message.Raw, cancellationToken);
                await importer.ImportFileAsync(path, arrived, cancellationToken);
            }
            else
            {
                var fireTime = fires.Dequeue();
                progress?.Invoke(now, fireTime.Job);
                await fire.ExecuteAsync(fireTime.Job, fireTime.At, fireTime.Period, cancellationToken);
                fired[fireTime.Job]++;
            }
            // As `run`'s loops do when a commit wakes them: answer the batches that are due, deliver what is queued.
            await receipts.RunDueAsync(cancellationToken);
            await outbox.SendDueAsync(cancellationToken);
        }
        clock.MoveTo(until);
        return new WalkResult(arrived, fired);
    }
}
