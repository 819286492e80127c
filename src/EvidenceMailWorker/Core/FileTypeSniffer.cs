using System.Text;

namespace EvidenceMailWorker.Core;

// What a file really is, from its first bytes: senders' mail clients label most attachments
// application/octet-stream, and the evidence rules care whether a file is a PDF, a photo or an archive.
public static class FileTypeSniffer
{
    public const string OctetStream = "application/octet-stream";
    public const string Zip = "application/zip";
    public const string Rar = "application/vnd.rar";
    public const string SevenZip = "application/x-7z-compressed";
    public const string Tnef = "application/vnd.ms-tnef";
    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation";

    // How many leading bytes Detect wants to see; more is ignored, fewer only weakens the text guess.
    public const int HeadLength = 4096;

    public static string Detect(ReadOnlySpan<byte> head, string fileName, string declaredType)
    {
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        return DetectMagic(head, extension)
            ?? DetectText(head, declaredType)
            ?? Fallback(declaredType);
    }

    // Only these are expanded; OOXML, ODF, JAR and friends are zip inside but are files to the office.
    public static bool IsArchive(string detectedType) =>
        detectedType is Zip or Rar or SevenZip;

    private static string? DetectMagic(ReadOnlySpan<byte> head, string extension)
    {
        if (head.StartsWith("%PDF-"u8))
            return Pdf;
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
            return "image/jpeg";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
            return "image/png";
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
            return "image/gif";
        if (head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8))
            return DetectZipBased(head, extension);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
            return DetectOle2(extension);
        if (head.StartsWith("Rar!\x1A\x07"u8))
            return Rar;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]))
            return SevenZip;
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
            return "application/gzip";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x78, 0x9F, 0x3E, 0x22]))
            return Tnef;
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
            return DetectIsoMedia(head[8..12]);
        if (head.Length >= 12 && head.StartsWith("RIFF"u8))
            return DetectRiff(head[8..12]);
        if (head.StartsWith("ID3"u8) || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE6) == 0xE2))
            return "audio/mpeg";
        if (head.StartsWith("BM"u8) && head.Length >= 14)
            return "image/bmp";
        if (head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8))
            return "image/tiff";
        return null;
    }

    private static string DetectZipBased(ReadOnlySpan<byte> head, string extension)
    {
        switch (extension)
        {
            case ".docx": return Docx;
            case ".xlsx": return Xlsx;
            case ".pptx": return Pptx;
        }
        // A renamed or nameless Office file still shows its folders in the first local headers.
        if (head.IndexOf("[Content_Types].xml"u8) >= 0 || head.IndexOf("_rels/"u8) >= 0)
        {
            if (head.IndexOf("word/"u8) >= 0)
                return Docx;
            if (head.IndexOf("xl/"u8) >= 0)
                return Xlsx;
            if (head.IndexOf("ppt/"u8) >= 0)
                return Pptx;
        }
        return Zip;
    }

    private static string DetectOle2(string extension) => extension switch
    {
        ".doc" => "application/msword",
        ".xls" => "application/vnd.ms-excel",
        ".ppt" => "application/vnd.ms-powerpoint",
        ".msg" => "application/vnd.ms-outlook",
        _ => "application/x-ole-storage",
    };

    private static string DetectIsoMedia(ReadOnlySpan<byte> brand)
    {
        var name = Encoding.ASCII.GetString(brand);
        return name switch
        {
            "heic" or "heix" or "hevc" or "hevx" or "heim" or "heis" => "image/heic",
            "mif1" or "msf1" => "image/heif",
            "avif" or "avis" => "image/avif",
            "qt  " => "video/quicktime",
            "M4A " => "audio/mp4",
            "3gp4" or "3gp5" or "3gp6" or "3g2a" => "video/3gpp",
            _ => "video/mp4",
        };
    }

    private static string? DetectRiff(ReadOnlySpan<byte> form)
    {
        if (form.SequenceEqual("WEBP"u8))
            return "image/webp";
        if (form.SequenceEqual("WAVE"u8))
            return "audio/wav";
        if (form.SequenceEqual("AVI "u8))
            return "video/x-msvideo";
        return null;
    }

    // Text has no NUL bytes and decodes as UTF-8 (a cut multi-byte sequence at the end is fine), or
    // is almost entirely printable in a single-byte code page such as windows-1258.
    private static string? DetectText(ReadOnlySpan<byte> head, string declaredType)
    {
        if (head.IsEmpty || head.Contains((byte)0))
            return null;

        if (!LooksLikeUtf8(head) && !MostlyPrintable(head))
            return null;

        return declaredType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
            ? declaredType.ToLowerInvariant()
            : "text/plain";
    }

    private static bool LooksLikeUtf8(ReadOnlySpan<byte> head)
    {
        // Allow the head to end in the middle of a character.
        for (var trim = 0; trim <= 3 && trim < head.Length; trim++)
        {
            if (System.Text.Unicode.Utf8.IsValid(head[..^trim]))
                return HasFewControls(head);
        }
        return false;
    }

    private static bool MostlyPrintable(ReadOnlySpan<byte> head) => HasFewControls(head);

    private static bool HasFewControls(ReadOnlySpan<byte> head)
    {
        var controls = 0;
        foreach (var b in head)
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x0C and not 0x1B)
                controls++;
        }
        return controls * 100 <= head.Length;
    }

    private static string Fallback(string declaredType) =>
        string.IsNullOrWhiteSpace(declaredType) ? OctetStream : declaredType.ToLowerInvariant();
}
