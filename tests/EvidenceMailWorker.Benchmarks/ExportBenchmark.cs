using System.Diagnostics;
using System.Security.Cryptography;
using Dapper;
using EvidenceMailWorker.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace EvidenceMailWorker.Benchmarks;

// export [MB]: stores MB (default 2048) of distinct 1–3 MB files in SQLite, then times the real
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

            // Where the time goes, in-process: reading blobs alone, then reading and hashing.
            var database = new Database(EvidenceMailWorker.Configuration.DatabaseProvider.Sqlite, $"Data Source={dbPath}");
            var store = new ArchiveStore(database, TimeProvider.System);
            var shas = (await new SubmissionQueries(database).ListAsync(new SubmissionFilter(), CancellationToken.None))
                .SelectMany(x => x.Attachments).Select(a => a.Sha256).ToList();
            var readOnly = Stopwatch.StartNew();
            foreach (var sha in shas)
                await store.CopyBlobToAsync(sha, Stream.Null, CancellationToken.None);
            readOnly.Stop();
            var hashed = Stopwatch.StartNew();
            foreach (var sha in shas)
            {
                await using var check = new EvidenceMailWorker.Reports.Export.HashCheckingStream(Stream.Null);
                await store.CopyBlobToAsync(sha, check, CancellationToken.None);
            }
            hashed.Stop();
            await database.DisposeAsync();
            Console.WriteLine($"in-process: blobs read to nowhere {bytes / 1048576.0 / readOnly.Elapsed.TotalSeconds:F0} MB/s, read and hashed {bytes / 1048576.0 / hashed.Elapsed.TotalSeconds:F0} MB/s");

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
            var raw = new byte[64];
            BitConverter.TryWriteBytes(raw, m);
            var rawSha = Convert.ToHexStringLower(SHA256.HashData(raw));
            await database.Dialect.InsertBlobIfAbsentAsync(connection, transaction, rawSha, raw.Length, new MemoryStream(raw), DateTime.UtcNow, CancellationToken.None);
            var id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO messages (content_key, message_id, raw_sha256, raw_size, source, received_at, ingested_at, from_address, subject,
                                      status, cluster_id, unit_id, track_id, period_id, late)
                VALUES (@Key, @MessageId, @RawSha, 64, 'bench', @At, @At, @From, 'minh chứng', 'accepted', @Cluster, @Unit, 'doan', @Period, 0)
                RETURNING id
                """,
                new { Key = $"k{m}", MessageId = $"<m{m}@example.org>", RawSha = rawSha, At = SqliteTime.Format(new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(m)), From = $"{unit}@example.org", Cluster = cluster.Id, Unit = unit, Period }, transaction);
            for (var a = 0; a < 4 && bytes < total; a++)
            {
                var size = (1 << 20) + random.Next(2 << 20);
                var content = new byte[size];
                Buffer.BlockCopy(pool, random.Next(pool.Length - size), content, 0, size);
                BitConverter.TryWriteBytes(content, files); // distinct bytes, distinct hash
                var sha = Convert.ToHexStringLower(SHA256.HashData(content));
                await database.Dialect.InsertBlobIfAbsentAsync(connection, transaction, sha, size, new MemoryStream(content), DateTime.UtcNow, CancellationToken.None);
                var code = codes[random.Next(codes.Count)];
                await connection.ExecuteAsync(
                    """
                    INSERT INTO attachments (message_id, ordinal, file_name, original_file_name, content_type, detected_type, size, sha256, criteria, units)
                    VALUES (@Id, @Ordinal, @Name, @Name, 'application/pdf', 'application/pdf', @Size, @Sha, @Criteria, @Units)
                    """,
                    new { Id = id, Ordinal = a, Name = $"TC {code.Code} - Hình ảnh hoạt động {files}.jpg", Size = size, Sha = sha, Criteria = $"[\"{code.Code}\"]", Units = $"[\"{unit}\"]" }, transaction);
                bytes += size;
                files++;
            }
            await transaction.CommitAsync();
        }
        await database.DisposeAsync();
        return (files, bytes);
    }
}
