using System.Text;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Reports.Export;

public sealed record ExportResult(string Path, int Files, long Bytes);

// Streams a planned package from the stored blobs into a folder or zip: one blob at a time through
// a copy buffer (memory stays flat for a package of several GB), each checked against its SHA-256.
public sealed class PackageWriter(ArchiveStore store)
{
    public async Task<ExportResult> WriteAsync(string path, IReadOnlyList<ExportEntry> entries, CampaignOptions campaign, string? periodId,
        DateTimeOffset generatedAt, Action<int, long>? progress, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(campaign.TimeZone);
        long bytes = 0;
        using var target = PackageTargets.Open(path);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            await using (var output = target.Create(entry.PackagePath))
            await using (var checking = new HashCheckingStream(output))
            {
                if (entry.ShortcutText is not null)
                    await checking.WriteAsync(Encoding.UTF8.GetBytes(entry.ShortcutText), cancellationToken);
                else if (!await store.CopyBlobToAsync(entry.BlobSha256!, checking, cancellationToken))
                    throw new InvalidOperationException($"stored file {entry.BlobSha256} for '{entry.PackagePath}' is missing from the archive");
                var written = checking.Sha256();
                if (!string.Equals(written, entry.ContentSha256, StringComparison.OrdinalIgnoreCase))
                    throw new InvalidOperationException($"'{entry.PackagePath}': written bytes hash to {written}, stored {entry.ContentSha256}");
                bytes += checking.Written;
            }
            progress?.Invoke(i + 1, bytes);
        }

        // The index goes through a temporary file: the OpenXml package wants a seekable stream,
        // which a zip entry is not.
        var temp = Path.GetTempFileName();
        try
        {
            await using (var file = new FileStream(temp, FileMode.Create, FileAccess.ReadWrite))
                ExportIndex.Write(file, entries, new CampaignNames(campaign), zone);
            await using (var input = File.OpenRead(temp))
            await using (var output = target.Create("index.xlsx"))
                await input.CopyToAsync(output, cancellationToken);
        }
        finally
        {
            File.Delete(temp);
        }
        await using (var readme = target.Create("README.txt"))
            await readme.WriteAsync(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(
                ExportReadme.Text(campaign, periodId, entries.Count, bytes, generatedAt, zone))).ToArray(), cancellationToken);
        target.Commit();
        return new ExportResult(Path.GetFullPath(path), entries.Count, bytes);
    }
}
