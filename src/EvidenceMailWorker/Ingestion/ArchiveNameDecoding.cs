using System.Text;
using SharpCompress.Common;

namespace EvidenceMailWorker.Ingestion;

// Zip names without the UTF-8 flag are in whatever code page the sender's tool used. Modern tools
// (macOS, 7-Zip, Windows 11) write UTF-8 without setting the flag; old Windows Explorer writes the
// OEM code page, CP437 by the spec. Valid UTF-8 is almost never accidental, so try it first.
internal static class ArchiveNameDecoding
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    static ArchiveNameDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static ArchiveEncoding Create() => new() { CustomDecoder = Decode };

    public static string Decode(byte[] bytes, int start, int length, EncodingType type)
    {
        if (type == EncodingType.UTF8)
            return Encoding.UTF8.GetString(bytes, start, length);
        try
        {
            return StrictUtf8.GetString(bytes, start, length);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(437).GetString(bytes, start, length);
        }
    }
}
