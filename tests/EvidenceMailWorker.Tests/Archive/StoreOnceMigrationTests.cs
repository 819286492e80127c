using System.Text.Json;
using Dapper;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace EvidenceMailWorker.Tests.Archive;

// Migration 0011: a database written before each message was stored once (every decoded file was a
// blob of its own as well) upgrades in place; what `submissions` shows does not change, the file
// copies go, and the files still come out byte for byte, now from the raw message.
public sealed class StoreOnceMigrationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_older_database_keeps_its_submissions_and_loses_only_the_file_copies(DatabaseProvider provider)
    {
        await using var harness = await ArchiveHarness.CreateAsync(provider, migrateBefore: "0011");
        var photo = Submissions.Jpeg(300_000, 4);
        var pdf = Submissions.Pdf("kế hoạch tháng 6");
        // What the older version stored besides the raw message: each file's decoded bytes.
        foreach (var file in new[] { photo, pdf })
            await InsertBlobAsync(harness.Database, file);
        var id = (await harness.IngestAsync(Submissions.From(Submissions.NgocChuc, "Đoàn xã Ngọc Chúc", "Cụm 2 gửi minh chứng",
            ("Tiêu chí 2.3 - ảnh.jpg", photo), ("TC 1.1 - Kế hoạch.pdf", pdf)))).MessageId;
        var before = await SubmissionsJsonAsync(harness);
        Assert.Equal(3, await harness.ScalarAsync("SELECT COUNT(*) FROM blobs"));

        await new DatabaseMigrator(harness.Database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);

        Assert.Equal(before, await SubmissionsJsonAsync(harness));
        Assert.Equal(1, await harness.ScalarAsync("SELECT COUNT(*) FROM blobs"));
        Assert.Equal(1, await harness.ScalarAsync($"SELECT COUNT(*) FROM blobs b JOIN messages m ON m.raw_sha256 = b.sha256 WHERE m.id = {id}"));
        Assert.Equal(photo, await harness.FileBytesAsync(id, Submissions.Sha256(photo)));
        Assert.Equal(pdf, await harness.FileBytesAsync(id, Submissions.Sha256(pdf)));
    }

    private static async Task<string> SubmissionsJsonAsync(ArchiveHarness harness) =>
        JsonSerializer.Serialize(await harness.Queries.ListAsync(new SubmissionFilter(), CancellationToken.None));

    private static async Task InsertBlobAsync(Database database, byte[] content)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("INSERT INTO blobs (sha256, size, content, created_at) VALUES (@sha256, @size, @content, @now)",
            new { sha256 = Submissions.Sha256(content), size = (long)content.Length, content, now = database.Dialect.Time(DateTime.UtcNow) });
    }
}
