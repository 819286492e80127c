using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Robustness;

// A message whose processing kills the process (or hangs until it is killed) must not be retried
// forever: the attempt is counted when it starts, retries are spaced out, and after the limit the
// message stays `failed` with a reason a person can read.
public sealed class RetryTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_message_that_dies_every_attempt_is_retried_ever_more_slowly_then_given_up(DatabaseProvider provider)
    {
        await using var harness = await ArchiveHarness.CreateAsync(provider);
        var message = Submissions.From(Submissions.NgocChuc, "Ngọc Chúc", "chết giữa chừng", ("TC 4.1.pdf", Submissions.Pdf("p")));
        using var spooled = await harness.Pipeline.SpoolAsync(new MemoryStream(ArchiveHarness.Bytes(message)), CancellationToken.None);
        var id = (await harness.Pipeline.StoreSpooledAsync(spooled, "test", null, CancellationToken.None)).Result.MessageId;

        // Each attempt is claimed, then its process "dies" before storing a verdict.
        Assert.Equal(1, await harness.Claims.ClaimAsync(id, null, CancellationToken.None));
        for (var attempt = 2; attempt <= ProcessingClaims.MaxAttempts; attempt++)
        {
            harness.Clock.Advance(ProcessingClaims.Lease + TimeSpan.FromSeconds(1));
            var wait = ProcessingClaims.RetryDelay(attempt - 1) - ProcessingClaims.Lease;
            if (wait > TimeSpan.Zero)
            {
                Assert.Empty(await harness.Claims.ListRetryableAsync(CancellationToken.None)); // not yet: backing off
                harness.Clock.Advance(wait);
            }
            var (pending, owner) = Assert.Single(await harness.Claims.ListRetryableAsync(CancellationToken.None));
            Assert.Equal(attempt - 1, pending.Attempts);
            Assert.Equal(attempt, await harness.Claims.ClaimAsync(pending.Id, owner, CancellationToken.None));
        }

        harness.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Empty(await harness.Claims.ListRetryableAsync(CancellationToken.None));
        var stored = await harness.SubmissionAsync(id);
        Assert.Equal(MessageStatus.Failed, stored.Status);
        Assert.Equal(Reasons.Error, stored.Reason);
        Assert.StartsWith($"gave up after {ProcessingClaims.MaxAttempts} attempts", stored.Error);
        Assert.Contains("killed", stored.Error);
        Assert.Empty(await harness.Pipeline.RetryFailedAsync(CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_message_leased_to_a_live_process_is_left_to_it(DatabaseProvider provider)
    {
        await using var harness = await ArchiveHarness.CreateAsync(provider);
        var message = Submissions.From(Submissions.NgocChuc, "Ngọc Chúc", "đang xử lý", ("TC 4.1.pdf", Submissions.Pdf("q")));
        using var spooled = await harness.Pipeline.SpoolAsync(new MemoryStream(ArchiveHarness.Bytes(message)), CancellationToken.None);
        var id = (await harness.Pipeline.StoreSpooledAsync(spooled, "test", null, CancellationToken.None)).Result.MessageId;
        // Another machine's worker holds it, with its lease fresh.
        await harness.ScalarAsync($"UPDATE messages SET lease_owner = 'other-host:1:abc' WHERE id = {id}");

        Assert.Empty(await harness.Pipeline.RetryFailedAsync(CancellationToken.None));
        Assert.Null(await harness.Claims.ClaimAsync(id, null, CancellationToken.None));

        harness.Clock.Advance(ProcessingClaims.Lease + TimeSpan.FromSeconds(1)); // its holder stopped renewing
        var retried = Assert.Single(await harness.Pipeline.RetryFailedAsync(CancellationToken.None));
        Assert.Equal(MessageStatus.Accepted, retried.Status);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Reprocess_goes_through_the_pipeline_and_leaves_a_verdict_in_progress_elsewhere_alone(DatabaseProvider provider)
    {
        await using var harness = await ArchiveHarness.CreateAsync(provider);
        var done = await harness.IngestAsync(Submissions.From(Submissions.NgocChuc, "Ngọc Chúc", "xong", ("TC 4.1.pdf", Submissions.Pdf("r1"))));
        var message = Submissions.From(Submissions.NgocChuc, "Ngọc Chúc", "đang xử lý nơi khác", ("TC 4.1.pdf", Submissions.Pdf("r2")));
        using var spooled = await harness.Pipeline.SpoolAsync(new MemoryStream(ArchiveHarness.Bytes(message)), CancellationToken.None);
        var busy = (await harness.Pipeline.StoreSpooledAsync(spooled, "test", null, CancellationToken.None)).Result.MessageId;
        await harness.ScalarAsync($"UPDATE messages SET lease_owner = 'other-host:1:abc' WHERE id = {busy}");

        var summary = await new EvidenceMailWorker.Ingestion.Reprocessor(harness.Database, harness.Pipeline, harness.Queries, () => harness.Settings)
            .RunAsync(CancellationToken.None);

        Assert.Equal(2, summary.Messages);
        Assert.Equal(MessageStatus.Accepted, (await harness.SubmissionAsync(done.MessageId)).Status);
        Assert.Equal(MessageStatus.Failed, (await harness.SubmissionAsync(busy)).Status); // its holder stores the verdict
    }
}
