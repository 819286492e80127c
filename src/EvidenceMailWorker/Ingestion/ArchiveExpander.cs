using EvidenceMailWorker.Core;
using Microsoft.Extensions.Logging;
using SharpCompress.Archives;
using SharpCompress.Common;
using SharpCompress.Readers;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Ingestion;

// Lists the files inside a zip, rar or 7z attachment (and archives inside those), within the
// per-message limits, so that evidence packed into an archive is counted like evidence attached.
internal sealed class ArchiveExpander(ILogger logger)
{
    private static readonly string[] ArchiveExtensions = [".zip", ".rar", ".7z"];

    // Type and extension must agree: a .docx is zip inside but is a document to the office, and a
    // zip renamed to .pdf is not something the sender meant us to open.
    public static bool ShouldExpand(string fileName, string detectedType) =>
        FileTypeSniffer.IsArchive(detectedType)
        && ArchiveExtensions.Contains(Path.GetExtension(fileName).ToLowerInvariant());

    // The archive itself is already listed by the caller; this appends its entries after it.
    // depth is 1 for an archive attached to the message, 2 for one inside it, and so on.
    public async Task ExpandAsync(ExtractedAttachment archive, string pathPrefix, int depth, DecompositionState state)
    {
        if (depth > state.Limits.MaxArchiveDepth)
        {
            state.Report(DecompositionProblems.ArchiveLimit,
                $"The archive \"{archive.FileName}\" is packed inside other archives more than {state.Limits.MaxArchiveDepth} levels deep, so it was not opened. Please send its files directly or in a single archive.");
            return;
        }

        var options = new ReaderOptions { ArchiveEncoding = ArchiveNameDecoding.Create(), LeaveStreamOpen = false };
        try
        {
            using var archiveFile = archive.Content.OpenRead();
            using var opened = ArchiveFactory.OpenArchive(archiveFile, options);
            await ExpandEntriesAsync(opened, archive, pathPrefix, depth, state);
        }
        catch (CryptographicException)
        {
            ReportEncrypted(archive, state);
        }
        catch (Exception ex) when (IsCorruption(ex))
        {
            // A damaged archive is still what the sender sent; the office can look at it by hand.
            logger.LogInformation(ex, "Archive {FileName} could not be read; kept without its entries", archive.FileName);
        }
    }

    private async Task ExpandEntriesAsync(IArchive opened, ExtractedAttachment archive, string pathPrefix, int depth, DecompositionState state)
    {
        // Solid archives (most 7z, some rar) decompress as one stream: opening entries one by one
        // would decompress everything before each entry again. 7z always goes this way, solid or
        // not, which SharpCompress recommends for 7z and keeps one code path for it.
        if (opened.IsSolid || opened.Type == ArchiveType.SevenZip)
        {
            using var reader = opened.ExtractAllEntries();
            while (reader.MoveToNextEntry())
            {
                if (!await ExtractEntryAsync(reader.Entry, reader.OpenEntryStream, archive, pathPrefix, depth, state))
                    return;
            }
            return;
        }

        foreach (var entry in opened.Entries)
        {
            if (!await ExtractEntryAsync(entry, entry.OpenEntryStream, archive, pathPrefix, depth, state))
                return;
        }
    }

    // false when the limits stop this archive.
    private async Task<bool> ExtractEntryAsync(
        IEntry entry, Func<Stream> open, ExtractedAttachment archive, string pathPrefix, int depth, DecompositionState state)
    {
        state.CancellationToken.ThrowIfCancellationRequested();
        if (entry.IsDirectory)
            return true;

        if (entry.IsEncrypted)
        {
            ReportEncrypted(archive, state);
            return true;
        }

        var innerPath = FileNameSanitizer.NormalizeArchivePath(entry.Key ?? "");
        if (innerPath.Length == 0)
            return true;

        if (state.ExpandedEntries >= state.Limits.MaxArchiveEntries)
        {
            state.Report(DecompositionProblems.ArchiveLimit,
                $"The archive \"{archive.FileName}\" holds more files than the limit of {state.Limits.MaxArchiveEntries} per message; only the first {state.ExpandedEntries} were checked.");
            return false;
        }

        var path = pathPrefix + innerPath;
        var original = innerPath[(innerPath.LastIndexOf('/') + 1)..];
        var fileName = FileNameSanitizer.Sanitize(original);
        SpooledFile content;
        byte[] head;
        try
        {
            await using var entryStream = open();
            (content, head) = await state.Spool.SpoolAsync(
                (output, ct) =>
                {
                    // Synchronous: decompressing from a local file (see MailParsing); a stop is
                    // still heard between buffers.
                    var buffer = new byte[81920];
                    int read;
                    while ((read = entryStream.Read(buffer)) > 0)
                    {
                        ct.ThrowIfCancellationRequested();
                        output.Write(buffer, 0, read);
                    }
                    return Task.CompletedTask;
                },
                start => state.KeepFiles || ShouldExpand(fileName, FileTypeSniffer.Detect(start.Span, fileName, FileTypeSniffer.OctetStream)),
                state.CancellationToken, state.RemainingExpandedBytes);
        }
        catch (SpoolLimitExceededException)
        {
            state.Report(DecompositionProblems.ArchiveLimit,
                $"The archive \"{archive.FileName}\" unpacks to more than {FormatBytes(state.Limits.MaxArchiveExpandedBytes)} per message, so it was only partly checked. Please send the files in smaller archives or directly.");
            return false;
        }

        state.ExpandedEntries++;
        state.ExpandedBytes += content.Size;

        var detected = FileTypeSniffer.Detect(head, fileName, FileTypeSniffer.OctetStream);
        var extracted = new ExtractedAttachment(fileName, original, FileTypeSniffer.OctetStream, detected, content, path);
        state.Attachments.Add(extracted);

        if (ShouldExpand(fileName, detected))
            await ExpandAsync(extracted, path + "/", depth + 1, state);
        return true;
    }

    private static void ReportEncrypted(ExtractedAttachment archive, DecompositionState state) =>
        state.Report(DecompositionProblems.EncryptedArchive,
            $"The archive \"{archive.FileName}\" is protected by a password, so its files could not be checked. Please send it again without a password.");

    // SharpCompress reports damaged input with many exception types; none of them means our own
    // failure except cancellation and the spool limit, which are handled before this.
    private static bool IsCorruption(Exception ex) =>
        ex is not OperationCanceledException and not SpoolLimitExceededException and not OutOfMemoryException;

    private static string FormatBytes(long bytes) =>
        bytes >= 1024 * 1024
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB");
}
