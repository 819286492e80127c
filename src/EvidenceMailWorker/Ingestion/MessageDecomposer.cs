using System.Text;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using MimeKit.Cryptography;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Ingestion;

// Turns a parsed message into the flat, ordered list of files CONTRACT §3 "attachments" describes,
// each hashed (and spooled to disk when it must be read again), plus the bodies; files hidden in
// TNEF, forwarded messages and archives are brought out so that evidence counts however the
// sender's mail client packed it.
public sealed class MessageDecomposer
{
    // Forwarded-inside-forwarded beyond this is not evidence, it is a loop or an attack.
    private const int MaxEmbeddedMessageDepth = 8;

    private readonly ILogger _logger;
    private readonly ArchiveExpander _archives;

    static MessageDecomposer()
    {
        // windows-1258 (Vietnamese) and CP437 (zip names) are not in .NET's default encodings.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        ParserOptionsTemplate = new ParserOptions { CharsetEncoding = Encoding.GetEncoding(1258) };
    }

    public MessageDecomposer(ILogger<MessageDecomposer>? logger = null)
    {
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _archives = new ArchiveExpander(_logger);
    }

    // The pipeline should parse with these: MimeKit decodes undeclared 8-bit header bytes as UTF-8
    // when valid, else with CharsetEncoding; windows-1258 is what old Vietnamese Windows clients send.
    // A copy each time: ParserOptions is mutable and shared options would leak one caller's tweaks.
    public static ParserOptions ParserOptions => ParserOptionsTemplate.Clone();

    private static readonly ParserOptions ParserOptionsTemplate;

    // keepFiles: every file stays readable in spool until it is disposed (export); without it, files
    // are identified (name, type, size, SHA-256) and only those the walk opens itself are written.
    public async Task<DecomposedMessage> DecomposeAsync(
        MimeMessage message, FileSpool spool, LimitsOptions limits, CancellationToken cancellationToken, bool keepFiles = false)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(spool);
        ArgumentNullException.ThrowIfNull(limits);

        var state = new DecompositionState(spool, limits, keepFiles, cancellationToken);
        await WalkAsync(message.Body, state, depth: 0, insideTnef: false);
        return new DecomposedMessage(
            state.Attachments,
            Nfc(message.TextBody),
            Nfc(message.HtmlBody),
            state.Problem,
            state.ProblemDetail);
    }

    private async Task WalkAsync(MimeEntity? entity, DecompositionState state, int depth, bool insideTnef)
    {
        state.CancellationToken.ThrowIfCancellationRequested();
        switch (entity)
        {
            // The signature (smime.p7s, signature.asc) is a file by MIME rules but not something
            // the sender attached; only the signed content is.
            case MultipartSigned signed when signed.Count > 0:
                await WalkAsync(signed[0], state, depth, insideTnef);
                break;
            case Multipart multipart:
                foreach (var child in multipart)
                    await WalkAsync(child, state, depth, insideTnef);
                break;
            case MessagePart embedded when depth < MaxEmbeddedMessageDepth:
                await WalkAsync(embedded.Message?.Body, state, depth + 1, insideTnef: false);
                break;
            case MimePart part when IsFile(part) && !(insideTnef && TnefExtractor.IsRenderedBody(part)):
                await HandleFileAsync(part, state, depth);
                break;
        }
    }

    // Disposition is unreliable (phones send photos inline), so a name is enough to count as a
    // file; unnamed text/html parts are the message body.
    private static bool IsFile(MimePart part) =>
        !IsMacResourceFork(part)
        && (part.IsAttachment || !string.IsNullOrEmpty(part.FileName) || part is MimeKit.Tnef.TnefPart || IsOpaqueMessage(part));

    // Mac Mail's multipart/appledouble sends each file twice: the data and its Finder metadata
    // under the same name; the metadata would show up as a duplicate, unreadable file.
    private static bool IsMacResourceFork(MimePart part) =>
        part.ContentType.IsMimeType("application", "applefile");

    // message/rfc822 with base64 or quoted-printable is illegal, so MimeKit leaves it undecoded.
    private static bool IsOpaqueMessage(MimePart part) =>
        part.ContentType.MediaType.Equals("message", StringComparison.OrdinalIgnoreCase)
        && part.ContentType.MediaSubtype.ToLowerInvariant() is "rfc822" or "global" or "news" or "rfc2822";

    private async Task HandleFileAsync(MimePart part, DecompositionState state, int depth)
    {
        var original = Nfc(part.FileName) ?? "";
        var declared = part.ContentType.MimeType.ToLowerInvariant();
        var fileName = FileNameSanitizer.Sanitize(original);
        var embedded = IsOpaqueMessage(part) && depth < MaxEmbeddedMessageDepth;
        var (content, head) = await SpoolDecodedAsync(part,
            start => state.KeepFiles || embedded || OpensAgain(FileTypeSniffer.Detect(start.Span, original, declared), fileName),
            state);
        var detected = FileTypeSniffer.Detect(head, original, declared);

        if (embedded && await TryWalkEmbeddedAsync(content, state, depth))
            return;

        if (detected == FileTypeSniffer.Tnef && TnefExtractor.TryConvert(content) is { } tnefMessage)
        {
            await WalkAsync(tnefMessage.Body, state, depth + 1, insideTnef: true);
            return;
        }

        var attachment = new ExtractedAttachment(fileName, original, declared, detected, content, ArchivePath: null);
        state.Attachments.Add(attachment);

        if (ArchiveExpander.ShouldExpand(fileName, detected))
            await _archives.ExpandAsync(attachment, pathPrefix: "", depth: 1, state);
    }

    // Decoded synchronously: the content is read from the local raw file (see MailParsing). Canonical
    // base64 takes the fast decoder; anything else MimeKit's, from the start again.
    private static async Task<(SpooledFile File, byte[] Head)> SpoolDecodedAsync(MimePart part, Func<ReadOnlyMemory<byte>, bool> needsFile, DecompositionState state)
    {
        if (part.Content is { Encoding: ContentEncoding.Base64, Stream: { } encoded })
        {
            try
            {
                return await state.Spool.SpoolAsync((output, ct) =>
                {
                    Base64Content.Decode(encoded, output, ct);
                    return Task.CompletedTask;
                }, needsFile, state.CancellationToken);
            }
            catch (NonCanonicalBase64Exception)
            {
            }
        }
        return await state.Spool.SpoolAsync((output, ct) =>
        {
            part.Content?.DecodeTo(output, ct);
            return Task.CompletedTask;
        }, needsFile, state.CancellationToken);
    }

    // The files HandleFileAsync reads back after spooling them.
    private static bool OpensAgain(string detected, string fileName) =>
        detected == FileTypeSniffer.Tnef || ArchiveExpander.ShouldExpand(fileName, detected);

    private async Task<bool> TryWalkEmbeddedAsync(SpooledFile content, DecompositionState state, int depth)
    {
        // Persistent parsing leaves the embedded parts on disk; the file stays open for the walk.
        await using var stream = content.OpenRead();
        MimeMessage embedded;
        try
        {
            embedded = MimeMessage.Load(ParserOptions, stream, persistent: true, state.CancellationToken);
        }
        catch (FormatException ex)
        {
            _logger.LogInformation(ex, "An encoded message/rfc822 part could not be parsed; kept as a file");
            return false;
        }
        await WalkAsync(embedded.Body, state, depth + 1, insideTnef: false);
        return true;
    }

    private static string? Nfc(string? text) => text?.Normalize(NormalizationForm.FormC);
}
