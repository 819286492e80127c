namespace EvidenceMailWorker.Storage;

// Where a message sits in a watched IMAP folder. Storing a message with its position advances the
// folder's checkpoint in the same transaction.
// Labelled: the worker adds Mailbox:Label to what it takes, so the message is remembered until it is labelled.
public sealed record MailboxPosition(string Account, string Folder, uint UidValidity, uint Uid, ulong? GmailMessageId = null, bool Labelled = false);

// A folder's checkpoint as stored: the highest UID processed under UidValidity.
public sealed record MailboxCheckpoint(uint UidValidity, uint LastUid);
