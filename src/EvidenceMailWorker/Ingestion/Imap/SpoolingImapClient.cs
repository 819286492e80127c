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

// A fetched body's file and the spool it lives in. Unless adopted, closing it deletes both (a fetch
// abandoned half-way leaves nothing behind); adopted, the spool belongs to whoever took it.
internal sealed class SpoolFileStream(FileSpool spool) : FileStream(spool.NewPath(), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16)
{
    private bool _adopted;

    public FileSpool Adopt()
    {
        _adopted = true;
        return spool;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !_adopted)
            spool.Dispose();
    }

    // FileStream's async disposal does not go through Dispose(true).
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!_adopted)
            spool.Dispose();
    }
}
