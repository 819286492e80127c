using System.Text;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Ingestion;

namespace EvidenceMailWorker.Reports.Export;

public sealed record ExportResult(string Path, int Files, long Bytes);

// Streams a planned package into a folder or zip: each file derived from its stored raw message
// (one message decomposed at a time, the plan keeps a submission's files together), copied through
// a buffer (memory stays flat for a package of several GB), each checked against its SHA-256.
public sealed class PackageWriter(StoredAttachments attachments)
{
    public async Task<ExportResult> WriteAsync(string path, IReadOnlyList<ExportEntry> entries, CampaignOptions campaign, string? periodId,
        DateTimeOffset generatedAt, Action<int, long>? progress, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(campaign.TimeZone);
        long bytes = 0;
        using var target = PackageTargets.Open(path);
        DerivedAttachments? files = null;
        try
        {
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                if (entry.BlobSha256 is not null && files?.MessageId != entry.Submission.Id)
                {
                    files?.Dispose();
                    files = null;
                    files = await attachments.DeriveAsync(entry.Submission.Id, cancellationToken);
                }
                bytes += await WriteEntryAsync(target, entry, files, cancellationToken);
                progress?.Invoke(i + 1, bytes);
            }
        }
        finally
        {
            files?.Dispose();
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

    private static async Task<long> WriteEntryAsync(IPackageTarget target, ExportEntry entry, DerivedAttachments? files, CancellationToken cancellationToken)
    {
        await using var output = target.Create(entry.PackagePath);
        await using var checking = new HashCheckingStream(output);
        if (entry.ShortcutText is not null)
            await checking.WriteAsync(Encoding.UTF8.GetBytes(entry.ShortcutText), cancellationToken);
        else if (files is null || !await files.CopyToAsync(entry.BlobSha256!, checking, cancellationToken))
            throw new InvalidOperationException($"stored file {entry.BlobSha256} for '{entry.PackagePath}' cannot be derived from its message {entry.Submission.Id} in the archive");
        var written = checking.Sha256();
        if (!string.Equals(written, entry.ContentSha256, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"'{entry.PackagePath}': written bytes hash to {written}, stored {entry.ContentSha256}");
        return checking.Written;
    }
}
