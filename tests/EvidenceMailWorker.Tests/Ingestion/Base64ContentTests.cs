using System.Text;
using EvidenceMailWorker.Ingestion;
using MimeKit;
using MimeKit.Encodings;
using Xunit;
using static EvidenceMailWorker.Tests.Ingestion.DecompositionFixture;

namespace EvidenceMailWorker.Tests.Ingestion;

// The fast base64 path must give exactly the bytes MimeKit's decoder gives, or step aside: a file's
// SHA-256 is its identity in the archive, so one wrong byte would make the same evidence two files.
public sealed class Base64ContentTests : IDisposable
{
    private readonly DecompositionFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    public static TheoryData<int, int, string> Shapes()
    {
        var data = new TheoryData<int, int, string>();
        foreach (var size in new[] { 0, 1, 2, 3, 4, 5, 56, 57, 58, 1000, 70_001, 200_000 })
            foreach (var (line, newline) in new[] { (76, "\r\n"), (64, "\n"), (0, ""), (73, "\r\n"), (75, "\r\n"), (77, "\n"), (75, " \t\r\n") })
                data.Add(size, line, newline);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Canonical_base64_decodes_to_the_original_bytes_whatever_the_reads(int size, int lineLength, string newline)
    {
        var original = Bytes(size);
        var encoded = Encode(original, lineLength, newline);
        foreach (var readSize in new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 77, 65536 })
        {
            using var output = new MemoryStream();
            Base64Content.Decode(new TrickleStream(encoded, readSize), output, CancellationToken.None);
            Assert.Equal(original, output.ToArray());
        }
        Assert.Equal(original, MimeKitDecode(encoded));
    }

    [Fact]
    public void Whitespace_inside_groups_and_odd_line_lengths_decode_as_MimeKit_decodes_them()
    {
        var random = new Random(12);
        for (var sample = 0; sample < 200; sample++)
        {
            var original = new byte[random.Next(0, 300_000)];
            random.NextBytes(original);
            var text = new StringBuilder();
            foreach (var c in Convert.ToBase64String(original))
            {
                text.Append(c);
                var roll = random.Next(200);
                if (roll < 3)
                    text.Append("\r\n");
                else if (roll == 3)
                    text.Append(' ');
                else if (roll == 4)
                    text.Append('\t');
            }
            var encoded = Encoding.ASCII.GetBytes(text.ToString());
            using var output = new MemoryStream();
            Base64Content.Decode(new TrickleStream(encoded, random.Next(1, 70_000)), output, CancellationToken.None);
            Assert.Equal(MimeKitDecode(encoded), output.ToArray());
        }
    }

    [Theory]
    [InlineData("QUJD*REVG")]        // a character outside the alphabet
    [InlineData("QUJDRA")]           // the last quantum without its padding
    [InlineData("QQ==QUJD")]         // padding in the middle
    [InlineData("QUJD\r\nQQ==\r\nQUJD\r\n")]
    public void Anything_else_is_left_to_MimeKit(string encoded)
    {
        foreach (var readSize in new[] { 1, 4, 65536 })
            Assert.Throws<NonCanonicalBase64Exception>(() =>
                Base64Content.Decode(new TrickleStream(Encoding.ASCII.GetBytes(encoded), readSize), new MemoryStream(), CancellationToken.None));
    }

    [Theory]
    [InlineData("JVBERi0xLjQKMSAwIG9iago8PD4+CmVuZG9iagp0cmFpbGVyCjw8Pj4KJSVFT0YK", false)]
    [InlineData("JVBERi0xLjQKMSAwIG9i*ago8PD4+CmVuZG9iagp0cmFpbGVyCjw8Pj4KJSVFT0YK", true)]
    [InlineData("JVBERi0xLjQKMSAwIG9iago8PD4+CmVuZG9iagp0cmFpbGVyCjw8Pj4KJSVFT0", true)]
    public async Task A_sloppy_encoders_attachment_is_identified_as_MimeKit_decodes_it(string body, bool sloppy)
    {
        var raw = "From: cum3@example.org\r\nMessage-ID: <b@example.org>\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: application/pdf; name=\"TC 1.1 - Kế hoạch.pdf\"\r\nContent-Disposition: attachment\r\n" +
            "Content-Transfer-Encoding: base64\r\n\r\n" + body + "\r\n";

        var file = Assert.Single((await _fixture.DecomposeRawAsync(Encoding.UTF8.GetBytes(raw))).Attachments);

        var expected = MimeKitDecode(Encoding.ASCII.GetBytes(body));
        Assert.Equal(Sha256(expected), file.Content.Sha256);
        Assert.Equal(expected.Length, file.Content.Size);
        // And the sloppy ones really were MimeKit's to decode.
        var fast = () => Base64Content.Decode(new MemoryStream(Encoding.ASCII.GetBytes(body)), new MemoryStream(), CancellationToken.None);
        if (sloppy)
            Assert.Throws<NonCanonicalBase64Exception>(fast);
        else
            fast();
    }

    [Fact]
    public async Task A_large_archive_found_sloppy_after_the_first_block_is_decoded_again_and_leaves_one_file()
    {
        var zip = TestFiles.Zip(("TC 3.1 - Ảnh.jpg", Bytes(150_000)), ("TC 3.2 - Biên bản.pdf", Bytes(90_000)));
        var lines = Encoding.ASCII.GetString(Encode(zip, 76, "\r\n"));
        var sloppy = lines.Insert(lines.Length - 100, "*"); // past the first 64 KB read
        var raw = "From: cum3@example.org\r\nMessage-ID: <z@example.org>\r\nMIME-Version: 1.0\r\n" +
            "Content-Type: application/zip; name=\"Minh chứng cụm 3.zip\"\r\nContent-Disposition: attachment\r\n" +
            "Content-Transfer-Encoding: base64\r\n\r\n" + sloppy;

        var files = (await _fixture.DecomposeRawAsync(Encoding.UTF8.GetBytes(raw))).Attachments;

        Assert.Equal(Sha256(zip), files[0].Content.Sha256);
        Assert.Equal(["TC 3.1 - Ảnh.jpg", "TC 3.2 - Biên bản.pdf"], files.Skip(1).Select(f => f.FileName));
        Assert.Equal(1, _fixture.SpooledFiles);
    }

    private static byte[] Bytes(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Encode(byte[] data, int lineLength, string newline)
    {
        var text = Convert.ToBase64String(data);
        if (lineLength == 0)
            return Encoding.ASCII.GetBytes(text);
        var lines = Enumerable.Range(0, (text.Length + lineLength - 1) / lineLength)
            .Select(i => text.Substring(i * lineLength, Math.Min(lineLength, text.Length - i * lineLength)) + newline);
        return Encoding.ASCII.GetBytes(string.Concat(lines));
    }

    private static byte[] MimeKitDecode(byte[] encoded)
    {
        var decoder = new Base64Decoder();
        var output = new byte[decoder.EstimateOutputLength(encoded.Length)];
        return output[..decoder.Decode(encoded, 0, encoded.Length, output)];
    }

    // Reads at most readSize bytes at a time, so every quantum and line end lands on a read boundary.
    private sealed class TrickleStream(byte[] bytes, int readSize) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, readSize));
    }
}
