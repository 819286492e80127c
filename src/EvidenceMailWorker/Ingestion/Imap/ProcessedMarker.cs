using MailKit;

namespace EvidenceMailWorker.Ingestion.Imap;

// Adds the configured label to committed messages so people see what the worker has. Gmail shows
// labels (X-GM-LABELS); other servers get an IMAP keyword. Flags such as \Seen are never touched.
public static class ProcessedMarker
{
    public static async Task MarkAsync(ImapSession session, IList<UniqueId> uids, CancellationToken cancellationToken)
    {
        if (uids.Count == 0 || string.IsNullOrEmpty(session.Label))
            return;
        if (session.IsGmail)
            await session.Folder.AddLabelsAsync(uids, [session.Label], silent: true, cancellationToken);
        else
            await session.Folder.AddFlagsAsync(uids, MessageFlags.None, new HashSet<string>(StringComparer.Ordinal) { session.Label }, silent: true, cancellationToken);
    }
}
