using MimeKit;

namespace EvidenceMailWorker.Ingestion;

// What a file found in a folder is, before it is taken in as mail. Outlook's .msg is an OLE
// compound file no served .NET library reads; a `.txt` note with no mail header is not an e-mail.
// (A `.msg` of mail text, as some mail libraries write, is mail.)
public static class MailFileKind
{
    public const string OutlookNote =
        "this is an Outlook .msg file, which the worker cannot read. Save the mail as .eml instead " +
        "(Outlook on the web or the new Outlook: open the message, … → Save as / Download; Thunderbird: Save As; " +
        "Gmail: ⋮ → Download message) and drop the .eml file here, or forward the mail to the campaign mailbox. " +
        "/ Tệp .msg của Outlook không đọc được: hãy lưu thư thành tệp .eml rồi đặt lại vào đây.";

    public const string NotMailNote =
        "this .txt file has no mail headers (From:, Subject:, Date: …), so it is not an e-mail and was not stored. " +
        "Save mail as .eml; notes for the office do not belong in the inbox folder. " +
        "/ Tệp .txt này không phải là thư điện tử nên không được lưu.";

    private static readonly byte[] OleSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private static readonly HeaderId[] MailHeaders =
        [HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date, HeaderId.MessageId, HeaderId.Received,
         HeaderId.ReturnPath, HeaderId.MimeVersion, HeaderId.ContentType, HeaderId.Sender];

    // Null when the file is to be read as mail; else why it is not.
    public static async Task<string?> RefusalAsync(string path, bool foundInFolder, CancellationToken cancellationToken)
    {
        if (IsOutlookMessage(path))
            return OutlookNote;
        if (foundInFolder && Path.GetExtension(path).Equals(".txt", StringComparison.OrdinalIgnoreCase) && !await HasMailHeadersAsync(path, cancellationToken))
            return NotMailNote;
        return null;
    }

    private static bool IsOutlookMessage(string path)
    {
        Span<byte> head = stackalloc byte[8];
        using var file = File.OpenRead(path);
        return file.ReadAtLeast(head, 8, throwOnEndOfStream: false) == 8 && head.SequenceEqual(OleSignature);
    }

    private static async Task<bool> HasMailHeadersAsync(string path, CancellationToken cancellationToken)
    {
        if (MboxReader.LooksLikeMbox(path))
            return true;
        try
        {
            await using var stream = File.OpenRead(path);
            var headers = await HeaderList.LoadAsync(MessageDecomposer.ParserOptions, stream, cancellationToken);
            return MailHeaders.Any(id => headers.Contains(id));
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
