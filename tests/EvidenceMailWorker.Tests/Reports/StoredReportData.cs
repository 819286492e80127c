using System.Security.Cryptography;
using System.Text;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Ingestion;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Support;
using EvidenceMailWorker.Understanding;
using Microsoft.Extensions.Time.Testing;

namespace EvidenceMailWorker.Tests.Reports;

// Stores submissions with a chosen verdict through the real ArchiveStore (raw commit, then the
// verdict), so report and export read them back exactly as they would after matching.
public sealed class StoredReportData : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private int _counter;

    private StoredReportData(TempFolder folder, Database database)
    {
        _folder = folder;
        Database = database;
        Store = new ArchiveStore(database, new FakeTimeProvider(new DateTimeOffset(2024, 9, 20, 0, 0, 0, TimeSpan.Zero)));
        Queries = new SubmissionQueries(database);
    }

    public Database Database { get; }
    public ArchiveStore Store { get; }
    public SubmissionQueries Queries { get; }
    public string Folder => _folder.Path;

    public static async Task<StoredReportData> CreateAsync(DatabaseProvider provider)
    {
        var folder = new TempFolder();
        return new StoredReportData(folder, await TestDatabase.CreateAsync(provider, folder.Path));
    }

    public sealed record File(string Name, byte[] Content, IReadOnlyList<string> Criteria, IReadOnlyList<string> Units, string? ArchivePath = null);

    public sealed record Link(string Url, IReadOnlyList<string> Criteria, IReadOnlyList<string> Units);

    public async Task<long> AddAsync(string unitId, string clusterId, string? track, string period, bool late, DateTimeOffset at,
        IReadOnlyList<File> files, IReadOnlyList<Link>? links = null, string status = "accepted")
    {
        var n = Interlocked.Increment(ref _counter);
        var raw = Spool(Encoding.UTF8.GetBytes($"Message-ID: <m{n}@example.org>\r\nSubject: minh chứng {n}\r\n\r\nbody {n}\r\n"));
        var stored = await Store.StoreRawAsync(new RawMessage($"key-{n}", $"<m{n}@example.org>", raw, "test", at.UtcDateTime,
            $"{unitId}@example.org", null, $"minh chứng {n}"), CancellationToken.None);
        var attachments = files.Select(f => new ExtractedAttachment(f.Name, f.Name, "application/octet-stream", "application/octet-stream", Spool(f.Content), f.ArchivePath)).ToList();
        var match = new MessageMatch(track, period, late, false,
            files.Select(f => new ItemMatch(f.Criteria, CriterionSource.Code, f.Units, UnitSource.Named, [])).ToList(),
            (links ?? []).Select(l => new LinkMatch(l.Url, new ItemMatch(l.Criteria, CriterionSource.Code, l.Units, UnitSource.Named, []))).ToList());
        await Store.CompleteAsync(stored.Id, new MessageVerdict(status, status == "accepted" ? null : "unknown-sender", null,
            $"{unitId}@example.org", null, null, $"minh chứng {n}", clusterId, unitId, "body", null, attachments, match), CancellationToken.None);
        return stored.Id;
    }

    // Stores ReportCampaign.Mail: each item a distinct small file.
    public async Task AddReportCampaignAsync(CampaignOptions campaign)
    {
        var i = 0;
        foreach (var m in ReportCampaign.Mail)
        {
            var cluster = campaign.Clusters.First(c => c.Units.Contains(m.Unit)).Id;
            var files = m.Items.Select(it => new File($"TC {it.Code} - tệp {++i}.pdf", Encoding.UTF8.GetBytes($"%PDF {i}"), [it.Code], it.Unit is null ? [] : [it.Unit])).ToList();
            await AddAsync(m.Unit, cluster, m.Track, m.Period, m.Late, m.At, files);
        }
    }

    public async Task<IReadOnlyList<SubmissionRecord>> AllAsync() =>
        await Queries.ListAsync(new SubmissionFilter(), CancellationToken.None);

    public async Task<byte[]> BlobAsync(string sha256)
    {
        using var buffer = new MemoryStream();
        Assert.True(await Store.CopyBlobToAsync(sha256, buffer, CancellationToken.None), $"blob {sha256} not stored");
        return buffer.ToArray();
    }

    private SpooledFile Spool(byte[] content)
    {
        var path = _folder.Combine("spool-" + Guid.NewGuid().ToString("N"));
        System.IO.File.WriteAllBytes(path, content);
        return new SpooledFile(path, Convert.ToHexStringLower(SHA256.HashData(content)), content.Length);
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
