using System.Buffers;
using System.Buffers.Text;

namespace EvidenceMailWorker.Ingestion;

// Base64 as mail clients write it (the alphabet in lines, '=' padding only at the end) decoded with
// the runtime's vectorised decoder, about five times faster than MimeKit's byte-at-a-time one on
// this machine (docs/performance.md); base64 attachments are most of a backlog's bytes. Input that is
// not canonical (a stray character, padding in the middle, a missing '=') throws
// NonCanonicalBase64Exception, and the caller decodes the part with MimeKit's lenient decoder
// instead, so the bytes recorded are the same either way.
//
// Whitespace is removed here before decoding, and only whole groups of four are decoded until the
// end: the runtime's own whitespace skipping miscounts `consumed` when a group is split by
// whitespace at the end of a block that is not final (dotnet/runtime#123311, MimeKit #1214), which
// would silently drop characters at read boundaries.
internal static class Base64Content
{
    private const int ChunkBytes = 64 * 1024;

    // Most whitespace-free text carried once padding is seen: the padded group ("xx==") and the 0–3
    // characters read with it. Anything longer cannot end a canonical stream.
    private const int MaxPaddedTail = 8;

    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\r\n"u8);

    public static void Decode(Stream encoded, Stream output, CancellationToken cancellationToken)
    {
        if (encoded.CanSeek)
            encoded.Seek(0, SeekOrigin.Begin);
        var read = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        var text = ArrayPool<byte>.Shared.Rent(ChunkBytes + MaxPaddedTail);
        var decoded = ArrayPool<byte>.Shared.Rent((ChunkBytes + MaxPaddedTail) / 4 * 3 + 3);
        try
        {
            var carried = 0; // whitespace-free characters not decoded yet, at the start of text
            var paddingSeen = false;
            int count;
            while ((count = encoded.Read(read, 0, ChunkBytes)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var length = carried + Compact(read.AsSpan(0, count), text.AsSpan(carried));
                if (paddingSeen)
                {
                    // Past the padding only whitespace may follow; the final decode checks what did.
                    carried = length;
                    if (carried > MaxPaddedTail)
                        throw new NonCanonicalBase64Exception();
                    continue;
                }
                var whole = length - length % 4;
                var status = Base64.DecodeFromUtf8(text.AsSpan(0, whole), decoded, out var consumed, out var written, isFinalBlock: false);
                output.Write(decoded, 0, written);
                // InvalidData before the end is padding (fine only if the stream ends with it) or a
                // character outside the alphabet.
                if (status == OperationStatus.InvalidData)
                    paddingSeen = text.AsSpan(consumed, length - consumed).Contains((byte)'=');
                if (status is not (OperationStatus.Done or OperationStatus.NeedMoreData) && !paddingSeen)
                    throw new NonCanonicalBase64Exception();
                carried = length - consumed;
                if (carried > MaxPaddedTail)
                    throw new NonCanonicalBase64Exception();
                text.AsSpan(consumed, carried).CopyTo(text);
            }
            // The end: what was carried (a last group and its padding) must now decode exactly.
            var last = Base64.DecodeFromUtf8(text.AsSpan(0, carried), decoded, out var used, out var tail, isFinalBlock: true);
            if (last != OperationStatus.Done || used != carried)
                throw new NonCanonicalBase64Exception();
            output.Write(decoded, 0, tail);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(read);
            ArrayPool<byte>.Shared.Return(text);
            ArrayPool<byte>.Shared.Return(decoded);
        }
    }

    // Copies input into destination without its whitespace; returns the bytes written.
    private static int Compact(ReadOnlySpan<byte> input, Span<byte> destination)
    {
        var written = 0;
        while (!input.IsEmpty)
        {
            var space = input.IndexOfAny(Whitespace);
            var run = space < 0 ? input : input[..space];
            run.CopyTo(destination[written..]);
            written += run.Length;
            input = space < 0 ? default : input[(space + 1)..];
        }
        return written;
    }
}

internal sealed class NonCanonicalBase64Exception() : Exception("the base64 content is not canonical; decoded leniently instead");
