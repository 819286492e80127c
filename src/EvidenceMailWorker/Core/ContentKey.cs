using System.Security.Cryptography;
using System.Text;

namespace EvidenceMailWorker.Core;

// The identity used for "the same message, whichever way it arrived" (CONTRACT §4 "Duplicates").
// Transport adds headers (Takeout's X-Gmail-Labels, Received: lines) and may change line endings, so
// a message with a Message-ID is keyed by it plus a hash of its body with CR bytes dropped
// (BodyHasher). A message without one has nothing a second copy could be recognised by except its
// bytes: its key is the SHA-256 of the raw message, so distinct files are never one message.
public static class ContentKey
{
    // The prefix keeps raw keys apart from hashed ones; migration 0005 rewrote older rows to this form.
    public const string RawPrefix = "raw:";

    public static string Compute(string? messageId, ReadOnlySpan<byte> bodySha256, string rawSha256)
    {
        if (string.IsNullOrWhiteSpace(messageId))
            return RawPrefix + rawSha256;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"id\n{messageId.Trim()}"));
        hash.AppendData(bodySha256);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
