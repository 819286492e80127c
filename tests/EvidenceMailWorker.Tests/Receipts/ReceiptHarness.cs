using Dapper;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Hosting;
using EvidenceMailWorker.Ingestion;
using EvidenceMailWorker.Outbound;
using EvidenceMailWorker.Receipts;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Infrastructure;
using EvidenceMailWorker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace EvidenceMailWorker.Tests.Receipts;

// The ingestion pipeline and the outbound services as the worker wires them (AddOutbox), over a
// real database of either provider, the sample campaign, a fake clock and either the Folder
// transport or SMTP to a real Postfix. Restart() builds a new service provider over the same
// database and folders, which is what a worker restart is.
public sealed class ReceiptHarness : IAsyncDisposable
{
    public const string Mailbox = "huyendoangiongrieng@gmail.com";
    private readonly TempFolder _folder;
    private ServiceProvider _services;

    private ReceiptHarness(TempFolder folder, Database database, FakeTimeProvider clock, OutboxOptions outbox, ReceiptsOptions receipts)
    {
        _folder = folder;
        Database = database;
        Clock = clock;
        Outbox = outbox;
        Receipts = receipts;
        Campaign = SampleCampaign.Load();
        _services = Build();
    }

    public Database Database { get; }
    public FakeTimeProvider Clock { get; }
    public OutboxOptions Outbox { get; }
    public ReceiptsOptions Receipts { get; }
    public CampaignOptions Campaign { get; }
    public LimitsOptions Limits { get; private init; } = new();
    public string OutboxFolder => _folder.Combine("outbox");
    public IServiceProvider Services => _services;
    public CollectedErrors Logged { get; } = new();

    public static async Task<ReceiptHarness> CreateAsync(DatabaseProvider provider, int quietSeconds = 120, PostfixServer? smtp = null, LimitsOptions? limits = null)
    {
        var folder = new TempFolder();
        var database = await TestDatabase.CreateAsync(provider, folder.Path);
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 6, 8, 2, 15, 0, TimeSpan.Zero));
        var outbox = smtp is null
            ? new OutboxOptions { Mode = "Folder" }
            : new OutboxOptions { Mode = "Smtp", Host = smtp.Host, Port = smtp.Port, Security = MailSecurity.None };
        return new ReceiptHarness(folder, database, clock, outbox, new ReceiptsOptions { QuietSeconds = quietSeconds }) { Limits = limits ?? new LimitsOptions() };
    }

    public async Task RestartAsync()
    {
        await _services.DisposeAsync();
        _services = Build();
    }

    public Task<IngestResult> IngestAsync(MimeMessage message) => IngestAsync(ArchiveHarness.Bytes(message));

    public async Task<IngestResult> IngestAsync(byte[] raw)
    {
        await using var stream = new MemoryStream(raw);
        return await _services.GetRequiredService<IngestionPipeline>().IngestAsync(stream, "test", null, CancellationToken.None);
    }

    public async Task<int> ScheduleAsync(bool ignoreQuiet = false)
    {
        var queued = await _services.GetRequiredService<ReceiptScheduler>().RunDueAsync(CancellationToken.None, ignoreQuiet);
        Assert.True(Logged.Errors.IsEmpty, string.Join("\n", Logged.Errors));
        return queued;
    }

    public Task<SendPassResult> SendAsync() => _services.GetRequiredService<OutboxSender>().SendDueAsync(CancellationToken.None);

    public async Task<IReadOnlyList<OutboxRow>> OutboxAsync()
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        var rows = await connection.QueryAsync<OutboxRow>(
            """
            SELECT id AS Id, purpose AS Purpose, idempotency_key AS IdempotencyKey, recipients AS Recipients, message_id AS MessageId,
                   mime AS Mime, attempts AS Attempts, sent_at AS SentAt, dead_at AS DeadAt, last_error AS LastError
            FROM outbox ORDER BY id
            """);
        return rows.ToList();
    }

    public async Task<long> PendingOpenAsync()
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM receipt_pending WHERE done_at IS NULL");
    }

    public static MimeMessage Parse(byte[] mime) => MimeMessage.Load(new MemoryStream(mime));

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(Logged));
        services.AddSingleton(Database);
        services.AddSingleton<TimeProvider>(Clock);
        var paths = new ResolvedPaths(_folder.Path, "", _folder.Combine("inbox"), OutboxFolder, _folder.Combine("logs"), _folder.Combine("spool"));
        Directory.CreateDirectory(paths.SpoolFolder);
        services.AddSingleton(paths);
        services.AddSingleton<IOptionsMonitor<CampaignOptions>>(new FixedOptions<CampaignOptions>(Campaign));
        services.AddSingleton<IOptionsMonitor<OutboxOptions>>(new FixedOptions<OutboxOptions>(Outbox));
        services.AddSingleton<IOptions<OutboxOptions>>(Options.Create(Outbox));
        services.AddSingleton<IOptionsMonitor<ReceiptsOptions>>(new FixedOptions<ReceiptsOptions>(Receipts));
        services.AddSingleton<ArchiveStore>();
        services.AddSingleton<ProcessingClaims>();
        services.AddSingleton<SubmissionQueries>();
        services.AddSingleton<MessageDecomposer>();
        services.AddSingleton<Func<IngestionSettings>>(_ => () => new IngestionSettings(
            new CampaignDirectory(Campaign), Limits, "mx.google.com", Outbox.MessageIdDomain, paths.SpoolFolder));
        services.AddSingleton<IngestionPipeline>();
        services.AddOutbox();
        var provider = services.BuildServiceProvider();
        // As `run` does at every start: answer mail from the first start on this database on.
        provider.GetRequiredService<ReceiptWatermark>().EstablishAsync(CancellationToken.None).GetAwaiter().GetResult();
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    // Options the test may change between passes (e.g. the SMTP port), read through CurrentValue.
    private sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;
        public T Get(string? name) => value;
        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }
}

public sealed class OutboxRow
{
    public long Id { get; set; }
    public string Purpose { get; set; } = "";
    public string IdempotencyKey { get; set; } = "";
    public string Recipients { get; set; } = "";
    public string MessageId { get; set; } = "";
    public byte[] Mime { get; set; } = [];
    public int Attempts { get; set; }
    public object? SentAt { get; set; }
    public object? DeadAt { get; set; }
    public string? LastError { get; set; }
}
