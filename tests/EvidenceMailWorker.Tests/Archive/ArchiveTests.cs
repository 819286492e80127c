using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Tests.Support;
using MimeKit;

namespace EvidenceMailWorker.Tests.Archive;

// The archive promises of issue 2 on both providers: stored once, names and hashes exact, nothing lost.
public sealed class ArchiveTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_unit_submission_is_accepted_with_exact_Vietnamese_names_and_hashes(DatabaseProvider provider)
    {
        await using var harness = await ArchiveHarness.CreateAsync(provider);
        var pdf = Submissions.Pdf("kế hoạch");
        var photo = Submissions.Jpeg(150_000, 1);
        var message = Submissions.From(Submissions.NgocChuc, "Đoàn xã Ngọc Chúc", "Cụm 2 gửi minh chứng 6 tháng đầu năm",
            ("TC 1.1 - Kế hoạch học tập Nghị quyết.pdf", pdf), ("Tiêu chí 2.3 - ảnh tiễn quân.jpg", photo));

        var result = await harness.IngestAsync(message);
        var stored = await harness.SubmissionAsync(result.MessageId);

        Assert.Equal(MessageStatus.Accepted, stored.Status);
        Assert.Null(stored.Reason);
        Assert.Equal("cum-2", stored.Cluster);
        Assert.Equal("xa-ngoc-chuc", stored.Unit);
        Assert.Equal("Đoàn xã Ngọc Chúc", stored.FromName);
        Assert.Equal("Cụm 2 gửi minh chứng 6 tháng đầu năm", stored.Subject);
        Assert.Equal(["TC 1.1 - Kế hoạch học tập Nghị quyết.pdf", "Tiêu chí 2.3 - ảnh tiễn quân.jpg"], stored.Attachments.Select(a => a.FileName));
        Assert.Equal([Submissions.Sha256(pdf), Submissions.Sha256(photo)], stored.Attachments.Select(a => a.Sha256));
        Assert.Equal(["application/pdf", "image/jpeg"], stored.Attachments.Select(a => a.DetectedContentType));
        Assert.Equal(new DateTime(2024, 6, 8, 2, 15, 0, DateTimeKind.Utc), stored.ReceivedAtUtc);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_same_message_arriving_again_any_way_is_stored_once(DatabaseProvider provider)
    {
        await using var harness = await ArchiveHarness.CreateAsync(provider);
        var message = Submissions.From(Submissions.ThanhBinh, "Đoàn xã Thạnh Bình", "Cụm 1 minh chứng quý II", ("TC 1.2.pdf", Submissions.Pdf("a")));
        var raw = ArchiveHarness.Bytes(message);

        var first = await harness.IngestAsync(raw);
        var again = await harness.IngestAsync(raw);
        // Takeout's copy: extra Gmail headers on top, LF line endings.
        var takeout = System.Text.Encoding.ASCII.GetBytes("X-GM-THRID: 1801\r\nX-Gmail-Labels: Inbox,Opened\r\n")
            .Concat(raw).Where(b => b != (byte)'\r').ToArray();
        var viaTakeout = await harness.IngestAsync(takeout);

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.True(viaTakeout.Duplicate);
        Assert.Equal(first.MessageId, viaTakeout.MessageId);
        Assert.Equal(1, await harness.ScalarAsync("SELECT COUNT(*) FROM messages"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_message_is_stored_once_and_its_files_are_read_back_from_it(DatabaseProvider provider)
    {
        await using var harness = await ArchiveHarness.CreateAsync(provider);
        var photo = Submissions.Jpeg(400_000, 7);
        var first = await harness.IngestAsync(Submissions.From(Submissions.NgocChuc, "Ngọc Chúc", "lần 1", ("ảnh.jpg", photo)));
        var second = await harness.IngestAsync(Submissions.From(Submissions.NgocChuc, "Ngọc Chúc", "lần 2", ("ảnh (1).jpg", photo)));

        Assert.Equal(2, await harness.ScalarAsync("SELECT COUNT(*) FROM attachments"));
        // Only the two raw messages are blobs: the photo's bytes are not stored a second (and third) time.
        Assert.Equal(2, await harness.ScalarAsync("SELECT COUNT(*) FROM blobs"));
        Assert.Equal(await harness.ScalarAsync("SELECT SUM(raw_size) FROM messages"), await harness.ScalarAsync("SELECT SUM(size) FROM blobs"));
        Assert.Equal(photo, await harness.FileBytesAsync(first.MessageId, Submissions.Sha256(photo)));
        Assert.Equal(photo, await harness.FileBytesAsync(second.MessageId, Submissions.Sha256(photo)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Raw_bytes_are_kept_exactly_and_can_be_read_back(DatabaseProvider provider)
    {
        await using var harness = await ArchiveHarness.CreateAsync(provider);
        var raw = ArchiveHarness.Bytes(Submissions.From(Submissions.NgocChuc, "Ngọc Chúc", "raw", ("big.jpg", Submissions.Jpeg(3_000_000, 3))));
        var result = await harness.IngestAsync(raw);

        await using var connection = await harness.Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT raw_sha256 FROM messages WHERE id = {result.MessageId}";
        var sha = (string)(await command.ExecuteScalarAsync())!;
        using var copy = new MemoryStream();
        Assert.True(await harness.Store.CopyBlobToAsync(sha, copy, CancellationToken.None));
        Assert.Equal(raw, copy.ToArray());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_interrupted_message_is_left_failed_and_finished_by_the_next_pass(DatabaseProvider provider)
    {
        await using var harness = await ArchiveHarness.CreateAsync(provider);
        var message = Submissions.From(Submissions.NgocChuc, "Ngọc Chúc", "bị ngắt giữa chừng", ("TC 4.1.pdf", Submissions.Pdf("k")));
        // The raw commit alone, as if the process died right after it.
        using var spooled = await harness.Pipeline.SpoolAsync(new MemoryStream(ArchiveHarness.Bytes(message)), CancellationToken.None);
        var stored = (await harness.Pipeline.StoreSpooledAsync(spooled, "test", null, CancellationToken.None)).Result;

        var interrupted = await harness.SubmissionAsync(stored.MessageId);
        Assert.Equal(MessageStatus.Failed, interrupted.Status);
        Assert.Equal(Reasons.Error, interrupted.Reason);
        Assert.Contains("interrupted", interrupted.Error);

        // The process that stored it is "dead": its lease lapses.
        harness.Clock.Advance(ProcessingClaims.Lease + TimeSpan.FromSeconds(1));
        var retried = await harness.Pipeline.RetryFailedAsync(CancellationToken.None);
        Assert.Single(retried);
        var finished = await harness.SubmissionAsync(stored.MessageId);
        Assert.Equal(MessageStatus.Accepted, finished.Status);
        Assert.Equal("TC 4.1.pdf", Assert.Single(finished.Attachments).FileName);

        // Arriving again after the fix is still the same message.
        Assert.True((await harness.IngestAsync(message)).Duplicate);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_message_over_the_size_limit_is_kept_raw_and_quarantined(DatabaseProvider provider)
    {
        await using var harness = await ArchiveHarness.CreateAsync(provider, new LimitsOptions { MaxMessageBytes = 100_000 });
        var raw = ArchiveHarness.Bytes(Submissions.From(Submissions.NgocChuc, "Ngọc Chúc", "quá lớn", ("video.mp4", Submissions.Jpeg(200_000, 9))));

        var result = await harness.IngestAsync(raw);
        var stored = await harness.SubmissionAsync(result.MessageId);

        Assert.Equal(MessageStatus.Quarantined, stored.Status);
        Assert.Equal(Reasons.TooLarge, stored.Reason);
        Assert.Equal(raw.Length, await harness.ScalarAsync($"SELECT raw_size FROM messages WHERE id = {result.MessageId}"));
        Assert.Equal(1, await harness.ScalarAsync("SELECT COUNT(*) FROM blobs"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Garbage_input_is_stored_with_a_status(DatabaseProvider provider)
    {
        await using var harness = await ArchiveHarness.CreateAsync(provider);
        var garbage = new byte[5000];
        new Random(5).NextBytes(garbage);

        var result = await harness.IngestAsync(garbage);
        var stored = await harness.SubmissionAsync(result.MessageId);

        Assert.Equal(MessageStatus.Quarantined, stored.Status);
        Assert.NotNull(stored.Reason);
    }
}
