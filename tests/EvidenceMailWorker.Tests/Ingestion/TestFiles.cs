using System.IO.Compression;
using System.Text;

namespace EvidenceMailWorker.Tests.Ingestion;

// Small, real files built in code so tests need no binary fixtures in the repository.
internal static class TestFiles
{
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
    public static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0xFF, 0xD9];

    static TestFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static byte[] Zip(IEnumerable<(string Name, byte[] Content)> entries, Encoding? nameEncoding = null)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true, nameEncoding))
        {
            foreach (var (name, content) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                if (name.EndsWith('/'))
                    continue;
                using var stream = entry.Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    public static byte[] Zip(params (string Name, byte[] Content)[] entries) => Zip(entries, null);

    public static byte[] SevenZip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var writer = new SharpCompress.Writers.SevenZip.SevenZipWriter(buffer, new() { LeaveStreamOpen = true }))
        {
            foreach (var (name, content) in entries)
                writer.Write(name, new MemoryStream(content), null);
        }
        return buffer.ToArray();
    }

    // Clears or sets general-purpose flag bits in every local and central header, to produce what
    // other tools write (UTF-8 names without the flag) or what .NET cannot (the encryption bit).
    public static byte[] PatchZipFlags(byte[] zip, ushort clear, ushort set)
    {
        var bytes = (byte[])zip.Clone();
        for (var i = 0; i + 10 < bytes.Length; i++)
        {
            if (bytes[i] != 'P' || bytes[i + 1] != 'K')
                continue;
            int flagOffset;
            if (bytes[i + 2] == 3 && bytes[i + 3] == 4)
                flagOffset = i + 6;
            else if (bytes[i + 2] == 1 && bytes[i + 3] == 2)
                flagOffset = i + 8;
            else
                continue;
            var flags = (ushort)(bytes[flagOffset] | (bytes[flagOffset + 1] << 8));
            flags = (ushort)((flags & ~clear) | set);
            bytes[flagOffset] = (byte)flags;
            bytes[flagOffset + 1] = (byte)(flags >> 8);
        }
        return bytes;
    }

    // A zip holding one highly compressible entry of the given size, written straight to disk.
    public static string ZipOfZeros(string folder, long uncompressedBytes)
    {
        var path = Path.Combine(folder, "bomb.zip");
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        using var stream = zip.CreateEntry("zeros.bin", CompressionLevel.Optimal).Open();
        var block = new byte[1024 * 1024];
        for (long written = 0; written < uncompressedBytes; written += block.Length)
            stream.Write(block);
        return path;
    }

    // Minimal TNEF (MS-OXTNEF) with one attachment: version, code page, and per attachment the
    // render data, title and data attributes. Enough for MimeKit's TnefPart to extract files.
    public static byte[] Tnef(params (string Name, byte[] Content)[] attachments)
    {
        using var buffer = new MemoryStream();
        using var writer = new BinaryWriter(buffer);
        writer.Write(0x223E9F78);
        writer.Write((ushort)0x0001);
        WriteAttribute(writer, 1, 0x00089006, [0x00, 0x00, 0x01, 0x00]);
        WriteAttribute(writer, 1, 0x00069007, [0xE4, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
        foreach (var (name, content) in attachments)
        {
            WriteAttribute(writer, 2, 0x00069002, [0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00]);
            WriteAttribute(writer, 2, 0x00018010, [.. Encoding.GetEncoding(1252).GetBytes(name), 0]);
            WriteAttribute(writer, 2, 0x0006800F, content);
        }
        writer.Flush();
        return buffer.ToArray();
    }

    private static void WriteAttribute(BinaryWriter writer, byte level, int id, byte[] data)
    {
        writer.Write(level);
        writer.Write(id);
        writer.Write(data.Length);
        writer.Write(data);
        ushort checksum = 0;
        foreach (var b in data)
            checksum += b;
        writer.Write(checksum);
    }
}
