using System.Diagnostics;
using System.Security.Cryptography;
using Dapper;
using EvidenceMailWorker.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace EvidenceMailWorker.Benchmarks;

// export [MB]: stores MB (default 2048) of distinct 1–3 MB files (four to a message) in SQLite, then times the real
// CLI's `export` to a zip and to a folder (child process: wall time, VmHWM) against a plain copy
// of the database file on the same disk. Prints figures, asserts nothing.
public static class ExportBenchmark
{
    private const string Period = "2024-6t";

    public static async Task<int> RunAsync(long megabytes)
    {
        var work = Path.Combine(Path.GetTempPath(), $"export-bench-{Guid.NewGuid():N}");
        var configDir = Path.Combine(work, "config");
        var dataDir = Path.Combine(work, "data");
        Directory.CreateDirectory(dataDir);
        try
        {
            var campaign = ReportBenchmark.Campaign(4, 60, 20);
            await ReportBenchmark.WriteConfigAsync(configDir, campaign, dataDir);
            var dbPath = Path.Combine(dataDir, "evidence.db");
            var seed = Stopwatch.StartNew();
            var (files, bytes) = await SeedAsync(dbPath, campaign, megabytes << 20);
            Console.WriteLine($"stored {files} files, {bytes / 1048576.0:F0} MB in {seed.Elapsed.TotalSeconds:F1} s");

            // File.Copy may hand the work to the kernel (copy_file_range), which no export that
            // has to read rows can match; the streamed copy (read, write, 80 KB buffer) is the
            // comparison the target is measured against, and both are printed.
            var dbMb = new FileInfo(dbPath).Length / 1048576.0;
            var kernel = Stopwatch.StartNew();
            File.Copy(dbPath, Path.Combine(work, "copy.db"));
            kernel.Stop();
            File.Delete(Path.Combine(work, "copy.db"));
            var copy = Stopwatch.StartNew();
            await using (var from = new FileStream(dbPath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan))
            await using (var to = new FileStream(Path.Combine(work, "copy.db"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920))
                await from.CopyToAsync(to);
            copy.Stop();
            File.Delete(Path.Combine(work, "copy.db"));
            var copyRate = dbMb / copy.Elapsed.TotalSeconds;
            Console.WriteLine($"copy of the database file ({dbMb:F0} MB): streamed {copy.Elapsed.TotalSeconds:F1} s = {copyRate:F0} MB/s; File.Copy {kernel.Elapsed.TotalSeconds:F1} s = {dbMb / kernel.Elapsed.TotalSeconds:F0} MB/s");

            // Where the time goes, in-process: deriving each message's files from its raw bytes
            // (read from the database, parsed, decoded to spool files), as export does.
            var database = new Database(EvidenceMailWorker.Configuration.DatabaseProvider.Sqlite, $"Data Source={dbPath}");
            var store = new ArchiveStore(database, TimeProvider.System);
            var spool = Path.Combine(work, "spool");
            Directory.CreateDirectory(spool);
            var settings = new EvidenceMailWorker.Ingestion.IngestionSettings(new EvidenceMailWorker.Core.CampaignDirectory(campaign), new EvidenceMailWorker.Configuration.LimitsOptions(), "mx.google.com", "example.invalid", spool);
            var derive = new EvidenceMailWorker.Ingestion.StoredAttachments(store, new EvidenceMailWorker.Ingestion.MessageDecomposer(), () => settings);
            var submissions = await new SubmissionQueries(database).ListAsync(new SubmissionFilter(), CancellationToken.None);
            var derived = Stopwatch.StartNew();
            foreach (var submission in submissions)
            {
                using var filesOf = await derive.DeriveAsync(submission.Id, CancellationToken.None);
                foreach (var attachment in submission.Attachments)
                {
                    await using var check = new EvidenceMailWorker.Reports.Export.HashCheckingStream(Stream.Null);
                    await filesOf.CopyToAsync(attachment.Sha256, check, CancellationToken.None);
                }
            }
            derived.Stop();
            await database.DisposeAsync();
            Console.WriteLine($"in-process: files derived from the raw messages and hashed {bytes / 1048576.0 / derived.Elapsed.TotalSeconds:F0} MB/s");

            foreach (var target in new[] { "package.zip", "package" })
            {
                var output = Path.Combine(work, target);
                var (seconds, peakMb, exit) = await ReportBenchmark.RunCliAsync(configDir, "export", "--out", output, "--json");
                var rate = bytes / 1048576.0 / seconds;
                Console.WriteLine($"CLI `export --out {target}`: {seconds:F1} s wall, {rate:F0} MB/s ({100 * rate / copyRate:F0} % of the streamed copy), peak working set {peakMb:F0} MB, exit {exit}");
                if (File.Exists(output))
                    File.Delete(output);
                else if (Directory.Exists(output))
                    Directory.Delete(output, recursive: true);
            }
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<(int Files, long Bytes)> SeedAsync(string dbPath, EvidenceMailWorker.Configuration.CampaignOptions campaign, long total)
    {
        var database = new Database(EvidenceMailWorker.Configuration.DatabaseProvider.Sqlite, $"Data Source={dbPath}");
        await new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        var random = new Random(7);
        var pool = new byte[4 << 20];
        random.NextBytes(pool);
        var codes = campaign.Criteria.Where(c => c.Scope == "Unit").ToList();
        long bytes = 0;
        var files = 0;
        await using var connection = await database.OpenAsync(CancellationToken.None);
        for (var m = 0; bytes < total; m++)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            var cluster = campaign.Clusters[m % campaign.Clusters.Count];
            var unit = cluster.Units[m % cluster.Units.Count];
            // A real message carrying its files: export derives their bytes from it.
            var message = new MimeKit.MimeMessage();
            message.From.Add(new MimeKit.MailboxAddress("", $"{unit}@example.org"));
            message.Subject = "minh chứng";
            message.MessageId = $"m{m}@example.org";
            var body = new MimeKit.Multipart("mixed") { new MimeKit.TextPart("plain") { Text = "Kính gửi Văn phòng." } };
            var rows = new List<(string Name, int Size, string Sha, string Code)>();
            for (var a = 0; a < 4 && bytes < total; a++)
            {
                var size = (1 << 20) + random.Next(2 << 20);
                var content = new byte[size];
                Buffer.BlockCopy(pool, random.Next(pool.Length - size), content, 0, size);
                BitConverter.TryWriteBytes(content, files); // distinct bytes, distinct hash
                var code = codes[random.Next(codes.Count)];
                var name = $"TC {code.Code} - Hình ảnh hoạt động {files}.jpg";
                body.Add(new MimeKit.MimePart("image", "jpeg") { FileName = name, Content = new MimeKit.MimeContent(new MemoryStream(content)), ContentTransferEncoding = MimeKit.ContentEncoding.Base64 });
                rows.Add((name, size, Convert.ToHexStringLower(SHA256.HashData(content)), code.Code));
                bytes += size;
                files++;
            }
            message.Body = body;
            using var raw = new MemoryStream();
            message.WriteTo(raw);
            raw.Position = 0;
            var rawSha = Convert.ToHexStringLower(SHA256.HashData(raw.ToArray()));
            await database.Dialect.InsertBlobIfAbsentAsync(connection, transaction, rawSha, raw.Length, raw, DateTime.UtcNow, CancellationToken.None);
            var id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO messages (content_key, message_id, raw_sha256, raw_size, source, received_at, ingested_at, from_address, subject,
                                      status, cluster_id, unit_id, track_id, period_id, late)
                VALUES (@Key, @MessageId, @RawSha, @RawSize, 'bench', @At, @At, @From, 'minh chứng', 'accepted', @Cluster, @Unit, 'doan', @Period, 0)
                RETURNING id
                """,
                new { Key = $"k{m}", MessageId = $"<m{m}@example.org>", RawSha = rawSha, RawSize = raw.Length, At = SqliteTime.Format(new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(m)), From = $"{unit}@example.org", Cluster = cluster.Id, Unit = unit, Period }, transaction);
            for (var a = 0; a < rows.Count; a++)
                await connection.ExecuteAsync(
                    """
                    INSERT INTO attachments (message_id, ordinal, file_name, original_file_name, content_type, detected_type, size, sha256, criteria, units)
                    VALUES (@Id, @Ordinal, @Name, @Name, 'image/jpeg', 'image/jpeg', @Size, @Sha, @Criteria, @Units)
                    """,
                    new { Id = id, Ordinal = a, rows[a].Name, rows[a].Size, rows[a].Sha, Criteria = $"[\"{rows[a].Code}\"]", Units = $"[\"{unit}\"]" }, transaction);
            await transaction.CommitAsync();
        }
        await database.DisposeAsync();
        return (files, bytes);
    }
}
