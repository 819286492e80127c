namespace EvidenceMailWorker.Auth;

// A server or token endpoint said no to our credentials. Retrying cannot help (and a retry storm
// can get the account locked): the message says what a person has to do.
public sealed class CredentialsRejectedException(string message, Exception? inner = null) : Exception(message, inner);
