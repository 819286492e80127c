using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Hosting;
using EvidenceMailWorker.Ingestion;
using EvidenceMailWorker.Outbound;
using EvidenceMailWorker.Receipts;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;
using Serilog.Events;

namespace EvidenceMailWorker.Benchmarks;

/// <summary>
/// `receipts [count]`: receipt latency from the verdict's commit to the SMTP server's acceptance,
/// through the real worker host (its receipt and outbox loops running), SQLite, QuietSeconds=0 and
/// a local Postfix. Submissions are ingested one after another so each is measured on its own.
/// </summary>
public static class ReceiptLatency
{
    public static async Task<int> RunAsync(int count)
    {
        using var smtp = PostfixServer.Start();
        var data = Directory.CreateTempSubdirectory("emw-receipts-bench-").FullName;
        try
        {
            var configuration = ConfigurationLoader.Build(FindConfig(), [
                $"--Storage:DataDirectory={data}", "--Outbox:Mode=Smtp", $"--Outbox:Host={smtp.Host}", $"--Outbox:Port={smtp.Port}",
                "--Outbox:Security=None", "--Receipts:QuietSeconds=0", "--Serilog:MinimumLevel:Default=Warning"], reloadOnChange: false);
            var builder = WorkerHost.CreateBuilder(configuration, ResolvedPaths.Resolve(configuration), LogEventLevel.Warning);
            var committed = new ConcurrentDictionary<long, long>();
            var accepted = new ConcurrentDictionary<string, long>();
            builder.Services.AddSingleton<IVerdictListener>(new CommitClock(committed));
            builder.Services.AddSingleton<IMailTransport>(sp => new AcceptClock(sp.GetRequiredService<SmtpTransport>(), accepted));
            using var host = builder.Build();
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            host.Services.GetRequiredService<ReceiptPolicy>().SendFrom(DateTimeOffset.UtcNow.AddMinutes(-1));
            await host.StartAsync();

            var pipeline = host.Services.GetRequiredService<IngestionPipeline>();
            var campaign = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CampaignOptions>>().Value;
            var ids = new List<long>();
            for (var i = 0; i < count; i++)
            {
                var unit = campaign.Units[i % campaign.Units.Count];
                using var raw = new MemoryStream();
                await Submission(unit, i).WriteToAsync(raw);
                raw.Position = 0;
                ids.Add((await pipeline.IngestAsync(raw, "benchmark", DateTimeOffset.UtcNow, CancellationToken.None)).MessageId);
                await WaitAsync(() => accepted.Count > i, TimeSpan.FromSeconds(30));
            }
            await host.StopAsync();

            var keys = await OutboxKeysAsync(host.Services.GetRequiredService<Database>());
            var latencies = ids.Where(id => keys.ContainsKey(id) && accepted.ContainsKey(keys[id]) && committed.ContainsKey(id))
                .Select(id => Stopwatch.GetElapsedTime(committed[id], accepted[keys[id]]).TotalMilliseconds)
                .Order().ToList();
            if (latencies.Count == 0)
            {
                Console.Error.WriteLine("receipts: no receipt reached the SMTP server");
                return 2;
            }
            Console.WriteLine(
                $"receipts: {latencies.Count}/{count} submissions, commit → SMTP accept median {Percentile(latencies, 0.5):F1} ms, " +
                $"p90 {Percentile(latencies, 0.9):F1} ms, max {latencies[^1]:F1} ms (QuietSeconds=0, SQLite, Postfix on 127.0.0.1)");
            return latencies.Count == count ? 0 : 2;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private static MimeMessage Submission(UnitOptions unit, int i)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Đoàn " + unit.Name, unit.Emails[0]));
        message.To.Add(new MailboxAddress("Huyện đoàn Giồng Riềng", "huyendoangiongrieng@gmail.com"));
        message.Subject = $"{unit.Name} gửi minh chứng 6 tháng đầu năm 2024 (lần {i + 1})";
        message.Date = DateTimeOffset.UtcNow;
        var body = new BodyBuilder { TextBody = "Kính gửi Văn phòng Huyện đoàn,\nĐơn vị gửi minh chứng.\nTrân trọng." };
        body.Attachments.Add($"TC 1.{i % 4 + 1} - Kế hoạch {i}.pdf", System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n" + new string('x', 20_000) + "\n%%EOF\n"));
        message.Body = body.ToMessageBody();
        return message;
    }

    private static async Task<Dictionary<long, string>> OutboxKeysAsync(Database database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT idempotency_key, message_id FROM outbox WHERE purpose = 'receipt'";
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new Dictionary<long, string>();
        while (await reader.ReadAsync())
            keys[long.Parse(reader.GetString(0)["message:".Length..], System.Globalization.CultureInfo.InvariantCulture)] = reader.GetString(1);
        return keys;
    }

    private static async Task WaitAsync(Func<bool> done, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (!done() && watch.Elapsed < timeout)
            await Task.Delay(1);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];

    private static string FindConfig()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "config", "campaign.json")))
                return Path.Combine(dir.FullName, "config");
        throw new InvalidOperationException("config/campaign.json not found above " + AppContext.BaseDirectory);
    }

    private sealed class CommitClock(ConcurrentDictionary<long, long> committed) : IVerdictListener
    {
        public Task RecordAsync(DbConnection connection, DbTransaction transaction, long messageId, MessageVerdict verdict, CancellationToken cancellationToken) => Task.CompletedTask;

        public void Committed(long messageId, MessageVerdict verdict) => committed[messageId] = Stopwatch.GetTimestamp();
    }

    private sealed class AcceptClock(IMailTransport inner, ConcurrentDictionary<string, long> accepted) : IMailTransport
    {
        public async Task SendAsync(OutboxItem item, CancellationToken cancellationToken)
        {
            await inner.SendAsync(item, cancellationToken);
            accepted[item.MessageId] = Stopwatch.GetTimestamp();
        }
    }
}
