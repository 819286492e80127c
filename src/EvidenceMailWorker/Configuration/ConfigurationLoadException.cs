namespace EvidenceMailWorker.Configuration;

// Thrown when configuration cannot even be read (missing folder, malformed JSON), as opposed to
// read but invalid, which is reported as ConfigProblems. Callers turn it into exit code 1.
public sealed class ConfigurationLoadException(string message, Exception? inner = null)
    : Exception(message, inner);
