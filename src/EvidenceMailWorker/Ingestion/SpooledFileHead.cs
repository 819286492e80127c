using EvidenceMailWorker.Core;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Ingestion;

internal static class SpooledFileHead
{
    // Sniffing needs only the first few KB; reading them back from disk keeps the spool streaming.
    public static string DetectType(this SpooledFile file, string fileName, string declaredType)
    {
        var head = new byte[(int)Math.Min(FileTypeSniffer.HeadLength, file.Size)];
        using (var stream = file.OpenRead())
            stream.ReadExactly(head);
        return FileTypeSniffer.Detect(head, fileName, declaredType);
    }
}
