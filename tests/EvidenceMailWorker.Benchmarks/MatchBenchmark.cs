using System.Diagnostics;
using Dapper;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Ingestion;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Understanding;
using Microsoft.Extensions.Logging.Abstractions;

namespace EvidenceMailWorker.Benchmarks;

// match DIR [count] [targetMB]: ingests the generated mailbox in DIR (generated first when DIR has no
// .eml) through the real pipeline into a fresh SQLite, then times matching alone over the same
// messages' subjects, file names, archive paths and bodies, and prints both rates and their ratio.
public static class MatchBenchmark
{
    private const int Rounds = 5;

    public static async Task<int> RunAsync(string folder, int count, long targetBytes)
    {
        if (!Directory.Exists(folder) || !Directory.EnumerateFiles(folder, "*.eml", SearchOption.AllDirectories).Any())
        {
            Console.WriteLine($"generating {count} messages ({targetBytes / 1048576} MiB) in {folder} ...");
            MailboxGenerator.Generate(folder, count, targetBytes);
        }
        var campaign = LoadCampaign();
        var work = Path.Combine(Path.GetTempPath(), $"match-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(work, "spool"));
        try
        {
            var database = new Database(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(work, "evidence.db")}");
            await new DatabaseMigrator(database, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
            var store = new ArchiveStore(database, TimeProvider.System);
            var settings = new IngestionSettings(new CampaignDirectory(campaign), new LimitsOptions(), "mx.google.com", "evidencemailworker.invalid", Path.Combine(work, "spool"));
            var pipeline = new IngestionPipeline(store, new ProcessingClaims(database, TimeProvider.System), new MessageDecomposer(), () => settings, TimeProvider.System, NullLogger<IngestionPipeline>.Instance);
            var importer = new MailFileImporter(pipeline, NullLogger<MailFileImporter>.Instance);

            var ingestWatch = Stopwatch.StartNew();
            var summary = await importer.ImportAsync([folder], CancellationToken.None);
            ingestWatch.Stop();
            var inputs = await InputsAsync(database);

            var compileWatch = Stopwatch.StartNew();
            var matcher = new CampaignMatcher(campaign);
            compileWatch.Stop();
            foreach (var input in inputs) // warm-up: JIT and regex construction are not per message
                matcher.Match(input);
            var matchWatch = Stopwatch.StartNew();
            var items = 0L;
            for (var round = 0; round < Rounds; round++)
                foreach (var input in inputs)
                    items += matcher.Match(input).Files.Count;
            matchWatch.Stop();

            var ingestPerMessage = ingestWatch.Elapsed.TotalMilliseconds / Math.Max(1, summary.Messages);
            var matchPerMessage = matchWatch.Elapsed.TotalMilliseconds / Math.Max(1, inputs.Count * Rounds);
            Console.WriteLine($"ingest:   {summary.Messages} messages ({summary.Bytes / 1048576.0:F0} MiB) in {ingestWatch.Elapsed.TotalSeconds:F1} s = {summary.Messages / ingestWatch.Elapsed.TotalSeconds:F0} messages/s ({ingestPerMessage:F2} ms/message)");
            Console.WriteLine($"matching: {inputs.Count} messages x {Rounds} rounds ({items / Rounds} files and entries per round) in {matchWatch.Elapsed.TotalSeconds:F2} s = {inputs.Count * Rounds / matchWatch.Elapsed.TotalSeconds:F0} messages/s ({matchPerMessage * 1000:F0} µs/message); compiling the matcher: {compileWatch.Elapsed.TotalMilliseconds:F1} ms");
            Console.WriteLine($"matching / ingest time per message: {matchPerMessage / ingestPerMessage:P2}");
            await database.DisposeAsync();
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }

    // The words matching reads, read back from what ingest stored (as `reprocess` would see them).
    private static async Task<List<MessageToMatch>> InputsAsync(Database database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var messages = (await connection.QueryAsync<(long Id, string? Subject, string ReceivedAt, string? Unit, string? Text, string? Html)>(
            "SELECT id, subject, received_at, unit_id, text_body, html_body FROM messages ORDER BY id")).ToList();
        var files = (await connection.QueryAsync<(long MessageId, string FileName, string? ArchivePath)>(
            "SELECT message_id, file_name, archive_path FROM attachments ORDER BY message_id, ordinal")).ToLookup(f => f.MessageId);
        return messages.Select(m =>
        {
            string? archive = null;
            var list = new List<FileToMatch>();
            foreach (var f in files[m.Id])
            {
                if (f.ArchivePath is null)
                    archive = f.FileName;
                list.Add(new FileToMatch(f.FileName, f.ArchivePath, f.ArchivePath is null ? null : archive));
            }
            return new MessageToMatch(m.Subject, new DateTimeOffset(SqliteTime.Parse(m.ReceivedAt), TimeSpan.Zero), m.Unit, list, m.Text, m.Html);
        }).ToList();
    }

    private static CampaignOptions LoadCampaign()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "config", "campaign.json")))
            dir = dir.Parent;
        if (dir is null)
            throw new InvalidOperationException("config/campaign.json not found above " + AppContext.BaseDirectory);
        var configuration = ConfigurationLoader.Build(Path.Combine(dir.FullName, "config"), [], reloadOnChange: false);
        var problems = new List<ConfigProblem>();
        var campaign = OptionsReader.Read<CampaignOptions>(configuration, CampaignOptions.Section, problems);
        return problems.Count == 0 ? campaign : throw new InvalidOperationException(string.Join("; ", problems));
    }
}
