using MimeKit;

namespace EvidenceMailWorker.Ingestion;

// One way to parse a raw message everywhere: persistent (attachment content stays in the file, not
// in memory) and with the charset fallback Vietnamese senders need. Synchronous on purpose: the file is
// local, and on Linux every asynchronous file read is a hop to another pool thread; with persistent
// parsing and decoding that was hundreds of thousands of hops per backlog (docs/performance.md).
public static class MailParsing
{
    public static MimeMessage? TryLoad(FileStream stream, CancellationToken cancellationToken)
    {
        try
        {
            return MimeMessage.Load(MessageDecomposer.ParserOptions, stream, persistent: true, cancellationToken);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
