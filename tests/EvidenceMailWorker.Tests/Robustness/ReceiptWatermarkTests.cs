using Dapper;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Receipts;
using EvidenceMailWorker.Tests.Support;
using MimeKit;

namespace EvidenceMailWorker.Tests.Robustness;

// Receipts must not depend on when the current process started: mail that arrived while the
// worker was down, and a message interrupted mid-verdict and finished after a restart, are
// answered exactly once; mail from before the first start never is.
public sealed class ReceiptWatermarkTests
{
    private static MimeMessage Submission(string from, string subject, DateTimeOffset date)
    {
        var message = Submissions.From(from, "Đoàn xã", subject, ("TC 1.1 - Kế hoạch.pdf", Submissions.Pdf(subject)));
        message.Date = date;
        return message;
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Mail_after_the_first_start_is_answered_once_across_restarts(DatabaseProvider provider)
    {
        await using var harness = await ReceiptHarness.CreateAsync(provider, quietSeconds: 0);
        var firstStart = harness.Clock.GetUtcNow();
        var before = Submission(Submissions.ThanhBinh, "Cụm 1 gửi minh chứng cũ", firstStart.AddDays(-3));
        Assert.Equal(MessageStatus.Accepted, (await harness.IngestAsync(before)).Status);

        // Interrupted: stored raw, then the process died before the verdict.
        var interrupted = Submission(Submissions.NgocChuc, "Cụm 2 gửi minh chứng", firstStart.AddMinutes(5));
        var pipeline = (EvidenceMailWorker.Ingestion.IngestionPipeline)harness.Services.GetService(typeof(EvidenceMailWorker.Ingestion.IngestionPipeline))!;
        using (var spooled = await pipeline.SpoolAsync(new MemoryStream(ArchiveHarness.Bytes(interrupted)), CancellationToken.None))
            await pipeline.StoreSpooledAsync(spooled, "test", null, CancellationToken.None);

        harness.Clock.Advance(TimeSpan.FromHours(3));
        await harness.RestartAsync();
        // Arrived while the worker was down, taken in after the restart.
        var whileDown = Submission(Submissions.ThanhBinh, "Cụm 1 gửi minh chứng bổ sung", firstStart.AddHours(1));
        Assert.Equal(MessageStatus.Accepted, (await harness.IngestAsync(whileDown)).Status);
        pipeline = (EvidenceMailWorker.Ingestion.IngestionPipeline)harness.Services.GetService(typeof(EvidenceMailWorker.Ingestion.IngestionPipeline))!;
        Assert.Equal(MessageStatus.Accepted, Assert.Single(await pipeline.RetryFailedAsync(CancellationToken.None)).Status);

        Assert.Equal(2, await harness.ScheduleAsync(ignoreQuiet: true));
        harness.Clock.Advance(TimeSpan.FromHours(1));
        await harness.RestartAsync();
        Assert.Equal(0, await harness.ScheduleAsync(ignoreQuiet: true));

        await using var connection = await harness.Database.OpenAsync(CancellationToken.None);
        var answered = (await connection.QueryAsync<string>(
            "SELECT m.subject FROM receipt_pending p JOIN messages m ON m.id = p.message_id WHERE p.done_at IS NOT NULL ORDER BY m.subject")).ToList();
        Assert.Equal(["Cụm 1 gửi minh chứng bổ sung", "Cụm 2 gửi minh chứng"], answered);
        Assert.Equal(2, (await harness.OutboxAsync()).Count(r => r.Purpose == "receipt"));
    }
}
