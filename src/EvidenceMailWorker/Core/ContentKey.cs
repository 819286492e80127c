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
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        var inBody = false;
        var previous = (byte)0; // last non-CR byte, to spot "\n\n"
        int read;
        while ((read = raw.Read(buffer, 0, buffer.Length)) > 0)
        {
            var span = buffer.AsSpan(0, read);
            var start = 0;
            if (!inBody)
            {
                for (var i = 0; i < span.Length; i++)
                {
                    var b = span[i];
                    if (b == (byte)'\r')
                        continue;
                    if (b == (byte)'\n' && previous == (byte)'\n')
                    {
                        inBody = true;
                        start = i + 1;
                        break;
                    }
                    previous = b;
                }
                if (!inBody)
                    continue;
            }
            AppendWithoutCr(hash, span[start..]);
        }
        return hash.GetHashAndReset();
    }

    private static void AppendWithoutCr(IncrementalHash hash, ReadOnlySpan<byte> span)
    {
        while (!span.IsEmpty)
        {
            var cr = span.IndexOf((byte)'\r');
            if (cr < 0)
            {
                hash.AppendData(span);
                return;
            }
            hash.AppendData(span[..cr]);
            span = span[(cr + 1)..];
        }
    }
}
