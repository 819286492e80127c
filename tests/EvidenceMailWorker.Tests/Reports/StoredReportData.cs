using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Ingestion;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Support;
using EvidenceMailWorker.Understanding;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace EvidenceMailWorker.Tests.Reports;

// Stores submissions with a chosen verdict through the real ArchiveStore (raw commit, then the
// verdict), so report and export read them back exactly as they would after matching. Each raw
// message really carries its files (archive entries inside a real zip), listed by the real
// decomposition, because export derives the files' bytes from the raw message.
public sealed class StoredReportData : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly Dictionary<string, byte[]> _sent = new(StringComparer.Ordinal);
    private int _counter;

    private StoredReportData(TempFolder folder, Database database)
    {
        _folder = folder;
        Database = database;
        Store = new ArchiveStore(database, new FakeTimeProvider(new DateTimeOffset(2024, 9, 20, 0, 0, 0, TimeSpan.Zero)));
        Queries = new SubmissionQueries(database);
        var settings = new IngestionSettings(new CampaignDirectory(new CampaignOptions()), new LimitsOptions(), "mx.google.com", "example.invalid", folder.Combine("spool"));
        Attachments = new StoredAttachments(Store, new MessageDecomposer(), () => settings);
    }

    public Database Database { get; }
    public ArchiveStore Store { get; }
    public SubmissionQueries Queries { get; }
    public StoredAttachments Attachments { get; }
    public string Folder => _folder.Path;

    public static async Task<StoredReportData> CreateAsync(DatabaseProvider provider)
    {
        var folder = new TempFolder();
        return new StoredReportData(folder, await TestDatabase.CreateAsync(provider, folder.Path));
    }

    // A file with ArchivePath is an entry of the nearest file before it without one, which is sent
    // as a real zip of its entries (its own Content is then not used).
    public sealed record File(string Name, byte[] Content, IReadOnlyList<string> Criteria, IReadOnlyList<string> Units, string? ArchivePath = null);

    public sealed record Link(string Url, IReadOnlyList<string> Criteria, IReadOnlyList<string> Units);

    public async Task<long> AddAsync(string unitId, string clusterId, string? track, string period, bool late, DateTimeOffset at,
        IReadOnlyList<File> files, IReadOnlyList<Link>? links = null, string status = "accepted")
    {
        var n = Interlocked.Increment(ref _counter);
        var raw = Spool(Mime(n, unitId, files));
        var stored = await Store.StoreRawAsync(new RawMessage($"key-{n}", $"<m{n}@example.org>", raw, "test", at.UtcDateTime,
            $"{unitId}@example.org", null, $"minh chứng {n}"), CancellationToken.None);
        using var spool = new FileSpool(_folder.Path);
        IReadOnlyList<ExtractedAttachment> attachments;
        await using (var stream = raw.OpenRead())
            attachments = (await new MessageDecomposer().DecomposeAsync(MailParsing.TryLoad(stream, CancellationToken.None)!, spool, new LimitsOptions(), CancellationToken.None)).Attachments;
        Assert.Equal(files.Select(f => f.ArchivePath ?? f.Name), attachments.Select(a => a.ArchivePath ?? a.FileName));
        var match = new MessageMatch(track, period, late, false,
            files.Select(f => new ItemMatch(f.Criteria, CriterionSource.Code, f.Units, UnitSource.Named, [], [])).ToList(),
            (links ?? []).Select(l => new LinkMatch(l.Url, new ItemMatch(l.Criteria, CriterionSource.Code, l.Units, UnitSource.Named, [], []))).ToList());
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

    // The bytes of a file as it was sent, by its SHA-256.
    public byte[] Sent(string sha256) => _sent[sha256];

    private byte[] Mime(int n, string unitId, IReadOnlyList<File> files)
    {
        var message = new MimeMessage();
        message.MessageId = $"m{n}@example.org";
        message.Subject = $"minh chứng {n}";
        message.From.Add(new MailboxAddress("", $"{unitId}@example.org"));
        var body = new Multipart("mixed") { new TextPart("plain") { Text = $"body {n}" } };
        for (var i = 0; i < files.Count; i++)
        {
            if (files[i].ArchivePath is not null)
                continue;
            var entries = files.Skip(i + 1).TakeWhile(f => f.ArchivePath is not null).ToList();
            var content = entries.Count == 0 ? files[i].Content : Zip(entries);
            foreach (var file in entries.Prepend(files[i] with { Content = content }))
                _sent[Convert.ToHexStringLower(SHA256.HashData(file.Content))] = file.Content;
            body.Add(new MimePart("application", "octet-stream")
            {
                FileName = files[i].Name,
                Content = new MimeContent(new MemoryStream(content)),
                ContentTransferEncoding = ContentEncoding.Base64,
            });
        }
        message.Body = body;
        using var output = new MemoryStream();
        message.WriteTo(output);
        return output.ToArray();
    }

    private static byte[] Zip(IReadOnlyList<File> entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var entry in entries)
            {
                using var stream = zip.CreateEntry(entry.ArchivePath!).Open();
                stream.Write(entry.Content);
            }
        return output.ToArray();
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
