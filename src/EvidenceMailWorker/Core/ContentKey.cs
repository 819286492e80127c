using System.Security.Cryptography;
using System.Text;

namespace EvidenceMailWorker.Core;

// The identity used for "the same message, whichever way it arrived" (CONTRACT §4 "Duplicates").
// Transport adds headers (Takeout's X-Gmail-Labels, Received: lines) and may change line endings, so
// the key is the Message-ID plus a hash of the body with CR bytes dropped. A message without a
// Message-ID is identified by its From, Date and Subject instead.
public static class ContentKey
{
    public static string Compute(string? messageId, string? from, string? date, string? subject, ReadOnlySpan<byte> bodySha256)
    {
        var identity = string.IsNullOrWhiteSpace(messageId)
            ? $"no-id\n{from}\n{date}\n{subject}"
            : $"id\n{messageId.Trim()}";
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(identity));
        hash.AppendData(bodySha256);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    // Hashes everything after the header block, skipping CR so CRLF and LF copies agree.
    public static byte[] HashBody(Stream raw)
    {
        using var hasher = new BodyHasher();
        var buffer = new byte[81920];
        int read;
        while ((read = raw.Read(buffer, 0, buffer.Length)) > 0)
            hasher.Append(buffer.AsSpan(0, read));
        return hasher.Finish();
    }
}

// The body hash of ContentKey fed chunk by chunk, so it can ride along with the spooling copy
// instead of costing a second read of the message.
public sealed class BodyHasher : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _inBody;
    private byte _previous; // last non-CR header byte, to spot "\n\n" across chunks

    public void Append(ReadOnlySpan<byte> span)
    {
        if (!_inBody)
        {
            var start = -1;
            for (var i = 0; i < span.Length; i++)
            {
                var b = span[i];
                if (b == (byte)'\r')
                    continue;
                if (b == (byte)'\n' && _previous == (byte)'\n')
                {
                    start = i + 1;
                    break;
                }
                _previous = b;
            }
            if (start < 0)
                return;
            _inBody = true;
            span = span[start..];
        }
        while (!span.IsEmpty)
        {
            var cr = span.IndexOf((byte)'\r');
            if (cr < 0)
            {
                _hash.AppendData(span);
                return;
            }
            _hash.AppendData(span[..cr]);
            span = span[(cr + 1)..];
        }
    }

    public byte[] Finish() => _hash.GetHashAndReset();

    public void Dispose() => _hash.Dispose();
}
