using MimeKit;

namespace EvidenceMailWorker.Ingestion;

// One way to parse a raw message everywhere: persistent (attachment content stays in the file, not
// in memory) and with the charset fallback Vietnamese senders need.
public static class MailParsing
{
    public static async Task<MimeMessage?> TryLoadAsync(FileStream stream, CancellationToken cancellationToken)
    {
        try
        {
            return await MimeMessage.LoadAsync(MessageDecomposer.ParserOptions, stream, persistent: true, cancellationToken);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
