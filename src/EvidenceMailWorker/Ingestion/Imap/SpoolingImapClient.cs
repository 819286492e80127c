using MailKit;
using MailKit.Net.Imap;

namespace EvidenceMailWorker.Ingestion.Imap;

// MailKit buffers fetched message bodies in memory by default; these subclasses make it write each
// body straight to a file in a spool of its own instead, so a 20 MB message costs a copy buffer,
// not 20 MB, and the pipeline can adopt that file instead of copying it again.
internal sealed class SpoolingImapClient(string spoolFolder) : ImapClient
{
    protected override ImapFolder CreateImapFolder(ImapFolderConstructorArgs args) => new SpoolingImapFolder(args, spoolFolder);
}

internal sealed class SpoolingImapFolder(ImapFolderConstructorArgs args, string spoolFolder) : ImapFolder(args)
{
    protected override Stream CreateStream(UniqueId? uid, string section, int offset, int length)
    {
        Directory.CreateDirectory(spoolFolder);
        var spool = new FileSpool(spoolFolder);
        try
        {
            return new SpoolFileStream(spool);
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }

    protected override Stream CommitStream(Stream stream, UniqueId uid, string section, int offset, int length)
    {
        stream.Position = 0;
        return stream;
    }
}
