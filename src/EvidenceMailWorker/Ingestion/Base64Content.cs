using System.Buffers;
using System.Buffers.Text;

namespace EvidenceMailWorker.Ingestion;

// Base64 as mail clients write it (the alphabet in lines, '=' padding only at the end) decoded with
// the runtime's vectorised decoder, about five times faster than MimeKit's byte-at-a-time one on
// this machine (docs/performance.md); base64 attachments are most of a backlog's bytes. Input that is
// not canonical (a stray character, padding in the middle, a missing '=') throws
// NonCanonicalBase64Exception, and the caller decodes the part with MimeKit's lenient decoder
// instead, so the bytes recorded are the same either way.
internal static class Base64Content
{
    private const int ChunkBytes = 64 * 1024;

    // Longest tail that can still end a canonical stream once padding is seen: "xx==" and line ends.
    private const int MaxPaddedTail = 256;

    public static void Decode(Stream encoded, Stream output, CancellationToken cancellationToken)
    {
        if (encoded.CanSeek)
            encoded.Seek(0, SeekOrigin.Begin);
        var input = ArrayPool<byte>.Shared.Rent(ChunkBytes + MaxPaddedTail);
        var decoded = ArrayPool<byte>.Shared.Rent((ChunkBytes + MaxPaddedTail) / 4 * 3 + 3);
        try
        {
            var carried = 0;
            var paddingSeen = false;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var read = encoded.Read(input, carried, ChunkBytes);
                var length = carried + read;
                if (read == 0)
                {
                    // The end: whatever was carried (a last quantum, its padding) must now decode fully.
                    var last = Base64.DecodeFromUtf8(input.AsSpan(0, length), decoded, out var used, out var tail, isFinalBlock: true);
                    if (last != OperationStatus.Done || used != length)
                        throw new NonCanonicalBase64Exception();
                    output.Write(decoded, 0, tail);
                    return;
                }
                if (paddingSeen)
                {
                    // Past the padding only line ends may follow; the final decode checks them.
                    carried = length;
                    if (carried > MaxPaddedTail)
                        throw new NonCanonicalBase64Exception();
                    continue;
                }
                var status = Base64.DecodeFromUtf8(input.AsSpan(0, length), decoded, out var consumed, out var written, isFinalBlock: false);
                output.Write(decoded, 0, written);
                // NeedMoreData: an unfinished quantum waits for the next read. InvalidData in a block
                // that is not the last is either padding (fine only if the stream ends right here)
                // or a character outside the alphabet.
                if (status == OperationStatus.InvalidData)
                    paddingSeen = input.AsSpan(consumed, length - consumed).Contains((byte)'=');
                else if (status != OperationStatus.NeedMoreData && status != OperationStatus.Done)
                    throw new NonCanonicalBase64Exception();
                carried = length - consumed;
                if (carried > MaxPaddedTail || (status == OperationStatus.InvalidData && !paddingSeen))
                    throw new NonCanonicalBase64Exception();
                input.AsSpan(consumed, carried).CopyTo(input);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(decoded);
        }
    }
}

internal sealed class NonCanonicalBase64Exception() : Exception("the base64 content is not canonical; decoded leniently instead");
