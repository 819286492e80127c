using System.Data.Common;

namespace EvidenceMailWorker.Storage;

// Work that must become true together with a message's verdict (e.g. "this sender is owed a
// receipt"): Record runs inside the verdict's transaction, Committed after it commits.
public interface IVerdictListener
{
    Task RecordAsync(DbConnection connection, DbTransaction transaction, long messageId, MessageVerdict verdict, CancellationToken cancellationToken);

    void Committed(long messageId, MessageVerdict verdict);
}
