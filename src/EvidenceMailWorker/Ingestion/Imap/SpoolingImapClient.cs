using MailKit;
using MailKit.Net.Imap;

namespace EvidenceMailWorker.Ingestion.Imap;

// MailKit buffers fetched message bodies in memory by default; these subclasses make it write each
// body straight to a temporary file instead, so a 20 MB message costs a copy buffer, not 20 MB.
internal sealed class SpoolingImapClient(string spoolFolder) : ImapClient
{
    protected override ImapFolder CreateImapFolder(ImapFolderConstructorArgs args) => new SpoolingImapFolder(args, spoolFolder);
}

internal sealed class SpoolingImapFolder(ImapFolderConstructorArgs args, string spoolFolder) : ImapFolder(args)
{
    protected override Stream CreateStream(UniqueId? uid, string section, int offset, int length)
    {
        Directory.CreateDirectory(spoolFolder);
        // DeleteOnClose: the file disappears with the stream, also when a fetch is abandoned.
        return new FileStream(Path.Combine(spoolFolder, $"imap-{Guid.NewGuid():N}.eml"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
    }

    protected override Stream CommitStream(Stream stream, UniqueId uid, string section, int offset, int length)
    {
        stream.Position = 0;
        return stream;
    }
}
