using MimeKit;

namespace EvidenceMailWorker.Ingestion;

// Splits an mbox file (Google Takeout's is multi-GB) into its messages without loading any of them:
// MimeKit's parser finds each message's byte range (persistent mode keeps content in the file), and
// the exact raw bytes of that range are handed on.
public static class MboxReader
{
    public static bool LooksLikeMbox(string path)
    {
        Span<byte> head = stackalloc byte[5];
        using var file = File.OpenRead(path);
        return file.Read(head) == 5 && head.SequenceEqual("From "u8);
    }

    public static async Task ReadAsync(string path, Func<Stream, int, Task> onMessage, CancellationToken cancellationToken)
    {
        await using var parseStream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        await using var copyStream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var parser = new MimeParser(MessageDecomposer.ParserOptions, parseStream, MimeFormat.Mbox, persistent: true);
        long begin = -1, end = -1;
        parser.MimeMessageEnd += (_, e) =>
        {
            if (e.Parent is null) // top-level message, not an attached message/rfc822
            {
                begin = e.BeginOffset;
                end = e.EndOffset;
            }
        };

        var index = 0;
        while (!parser.IsEndOfStream)
        {
            cancellationToken.ThrowIfCancellationRequested();
            begin = end = -1;
            await parser.ParseMessageAsync(cancellationToken);
            if (begin < 0 || end <= begin)
                continue;
            copyStream.Seek(begin, SeekOrigin.Begin);
            await using var slice = new BoundedReadStream(copyStream, end - begin);
            await onMessage(slice, index++);
        }
    }
}
