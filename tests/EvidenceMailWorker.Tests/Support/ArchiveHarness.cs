using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Ingestion;
using EvidenceMailWorker.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace EvidenceMailWorker.Tests.Support;

// The real pipeline over a real database of either provider, with the sample campaign and a fake clock.
public sealed class ArchiveHarness : IAsyncDisposable
{
    private readonly TempFolder _folder;

    private ArchiveHarness(TempFolder folder, Database database, LimitsOptions limits, CampaignOptions? campaign)
    {
        _folder = folder;
        Database = database;
        Clock = new FakeTimeProvider(new DateTimeOffset(2024, 6, 8, 2, 15, 0, TimeSpan.Zero));
        Store = new ArchiveStore(database, Clock);
        Queries = new SubmissionQueries(database);
        Limits = limits;
        Settings = new IngestionSettings(new CampaignDirectory(campaign ?? SampleCampaign.Load()), limits, "mx.google.com", "evidencemailworker.invalid", _folder.Combine("spool"));
        Directory.CreateDirectory(Settings.SpoolFolder);
        Claims = new ProcessingClaims(database, Clock);
        Pipeline = new IngestionPipeline(Store, Claims, new MessageDecomposer(), () => Settings, Clock, NullLogger<IngestionPipeline>.Instance);
        Importer = new MailFileImporter(Pipeline, NullLogger<MailFileImporter>.Instance);
        Attachments = new StoredAttachments(Store, new MessageDecomposer(), () => Settings);
    }

    public Database Database { get; }
    public FakeTimeProvider Clock { get; }
    public ArchiveStore Store { get; }
    public SubmissionQueries Queries { get; }
    public LimitsOptions Limits { get; }
    // Settable so a test can change the configuration between passes (reprocess after a config edit).
    public IngestionSettings Settings { get; set; }
    public ProcessingClaims Claims { get; }
    public IngestionPipeline Pipeline { get; }
    public MailFileImporter Importer { get; }
    public StoredAttachments Attachments { get; }
    public string Folder => _folder.Path;

    // migrateBefore: a database as an older version left it (see TestDatabase).
    public static async Task<ArchiveHarness> CreateAsync(DatabaseProvider provider, LimitsOptions? limits = null, CampaignOptions? campaign = null, string? migrateBefore = null)
    {
        var folder = new TempFolder();
        var database = await TestDatabase.CreateAsync(provider, folder.Path, migrateBefore);
        return new ArchiveHarness(folder, database, limits ?? new LimitsOptions(), campaign);
    }

    public Task<IngestResult> IngestAsync(MimeMessage message) => IngestAsync(Bytes(message));

    public async Task<IngestResult> IngestAsync(byte[] raw)
    {
        await using var stream = new MemoryStream(raw);
        return await Pipeline.IngestAsync(stream, "test", null, CancellationToken.None);
    }

    public async Task<SubmissionRecord> SubmissionAsync(long id) =>
        (await Queries.ListAsync(new SubmissionFilter(), CancellationToken.None)).Single(s => s.Id == id);

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    // A stored file's bytes as export gets them: derived from the raw message.
    public async Task<byte[]> FileBytesAsync(long messageId, string sha256)
    {
        using var files = await Attachments.DeriveAsync(messageId, CancellationToken.None);
        using var copy = new MemoryStream();
        Assert.True(await files.CopyToAsync(sha256, copy, CancellationToken.None), $"file {sha256} not derivable from message {messageId}");
        return copy.ToArray();
    }

    public static byte[] Bytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(FormatOptions.Default, stream);
        return stream.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
