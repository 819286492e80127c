using System.Globalization;
using EvidenceMailWorker.Configuration;

namespace EvidenceMailWorker.Outbound;

// Outbox:Mode=Folder, the embedded default: every email becomes a .eml file a person can open.
// The name comes from the row (its creation time and id), so a resend overwrites the same file.
public sealed class FolderTransport(ResolvedPaths paths) : IMailTransport
{
    public async Task SendAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(paths.OutboxFolder);
        var name = $"{item.CreatedAtUtc.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}-{item.Purpose}-{item.Id}.eml";
        var target = Path.Combine(paths.OutboxFolder, name);
        // Written aside and moved into place so a reader never sees half a message.
        var temporary = target + ".part";
        await File.WriteAllBytesAsync(temporary, item.Mime, cancellationToken);
        File.Move(temporary, target, overwrite: true);
    }
}
