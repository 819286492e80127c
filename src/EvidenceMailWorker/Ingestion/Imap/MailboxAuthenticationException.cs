namespace EvidenceMailWorker.Ingestion.Imap;

// The server or the token endpoint said no to our credentials. Retrying cannot help (and a retry
// storm can get the account locked): the message says what a person has to do.
public sealed class MailboxAuthenticationException(string message, Exception? inner = null) : Exception(message, inner);
