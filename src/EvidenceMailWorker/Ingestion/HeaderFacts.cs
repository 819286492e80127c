using System.Text;
using EvidenceMailWorker.Core;
using MimeKit;
using MimeKit.Utils;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Ingestion;

// What the header block alone says. Read before the raw message is stored, so it must never need
// the body (a hostile body cannot stop a message from being archived).
public sealed record HeaderFacts(string? MessageId, string? FromAddress, string? FromName, string? Subject, string? DateHeader, HeaderList Headers)
{
    public static async Task<HeaderFacts> ReadAsync(SpooledFile raw, CancellationToken cancellationToken)
    {
        HeaderList headers;
        try
        {
            await using var stream = raw.OpenRead();
            headers = HeaderList.Load(MessageDecomposer.ParserOptions, stream, cancellationToken); // local file: see MailParsing
        }
        catch (FormatException)
        {
            headers = [];
        }

        var rawId = headers[HeaderId.MessageId];
        string? messageId = null;
        if (!string.IsNullOrWhiteSpace(rawId))
        {
            var parsed = MimeUtils.ParseMessageId(rawId);
            messageId = parsed is null ? rawId.Trim() : $"<{parsed}>";
        }

        MailboxAddress? from = null;
        var fromHeader = headers.IndexOf(HeaderId.From);
        if (fromHeader >= 0 && InternetAddressList.TryParse(MessageDecomposer.ParserOptions, headers[fromHeader].RawValue, out var list))
            from = list.Mailboxes.FirstOrDefault();

        return new HeaderFacts(
            messageId,
            from?.Address,
            from?.Name?.Normalize(NormalizationForm.FormC),
            headers[HeaderId.Subject]?.Normalize(NormalizationForm.FormC),
            headers[HeaderId.Date],
            headers);
    }

    public string ContentKeyFor(byte[] bodySha256, string rawSha256) => ContentKey.Compute(MessageId, bodySha256, rawSha256);
}
