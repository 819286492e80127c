using System.Security.Cryptography;
using System.Text;
using EvidenceMailWorker.Core;
using Xunit;

namespace EvidenceMailWorker.Tests.Core;

// The body hash is half of a message's identity (ContentKey): the same mail imported from a Takeout
// mbox (LF) and fetched over IMAP (CRLF) must be one message, however the bytes arrive in chunks.
public class BodyHasherTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 4000).Select(i => $"Dòng {i} của báo cáo cụm 3 — minh chứng TC 1.{i % 9}\r\n")));

    private static byte[] Message(string newline, byte[] body) =>
        [.. Encoding.UTF8.GetBytes($"From: Cụm 3 <cum3@example.org>{newline}Message-ID: <a@example.org>{newline}Subject: Báo cáo{newline}{newline}"), .. body];

    [Fact]
    public void A_long_body_hashes_as_its_bytes_without_CR_whatever_the_chunks()
    {
        var raw = Message("\r\n", Body);
        var expected = SHA256.HashData(Body.Where(b => b != (byte)'\r').ToArray());
        foreach (var chunk in new[] { 1, 7, 4096, 65535, 65536, 200_000, raw.Length })
            Assert.Equal(expected, Hash(raw, chunk, out _));
    }

    [Fact]
    public void The_same_message_with_LF_or_CRLF_line_ends_has_one_body_hash()
    {
        var lf = Message("\n", Body.Where(b => b != (byte)'\r').ToArray());
        var crlf = Message("\r\n", Body);
        Assert.Equal(Hash(lf, 3, out _), Hash(crlf, 65536, out _));
    }

    [Fact]
    public void Another_body_has_another_hash()
    {
        var other = (byte[])Body.Clone();
        other[^10] = (byte)'X';
        Assert.NotEqual(Hash(Message("\r\n", Body), 8192, out _), Hash(Message("\r\n", other), 8192, out _));
    }

    [Fact]
    public void Without_a_header_block_the_whole_message_counts_as_the_body()
    {
        var raw = Encoding.UTF8.GetBytes("không phải thư\r\nchỉ là ghi chú\r\n");
        Assert.Equal(SHA256.HashData(raw.Where(b => b != (byte)'\r').ToArray()), Hash(raw, 5, out var hasBody));
        Assert.False(hasBody);
    }

    private static byte[] Hash(byte[] bytes, int chunk, out bool hasBody)
    {
        using var hasher = new BodyHasher();
        for (var i = 0; i < bytes.Length; i += chunk)
            hasher.Append(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)));
        hasBody = hasher.HasBody;
        return hasher.Finish();
    }
}
