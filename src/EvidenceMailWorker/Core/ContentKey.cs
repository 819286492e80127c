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
}
