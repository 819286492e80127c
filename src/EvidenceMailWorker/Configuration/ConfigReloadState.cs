namespace EvidenceMailWorker.Configuration;

// What became of the latest edit of the running worker's configuration: the problems of a rejected
// edit (the last good campaign stays live) until a good edit replaces it. The digest tells the office.
public sealed class ConfigReloadState
{
    private volatile IReadOnlyList<ConfigProblem> _rejected = [];

    public IReadOnlyList<ConfigProblem> Rejected => _rejected;

    public DateTimeOffset? LastReloadAt { get; private set; }

    // Raised after every reload, accepted or refused (`status` records it in the database).
    public event Action? Changed;

    public void Accepted(DateTimeOffset at)
    {
        _rejected = [];
        LastReloadAt = at;
        Changed?.Invoke();
    }

    public void Refused(IReadOnlyList<ConfigProblem> problems, DateTimeOffset at)
    {
        _rejected = problems;
        LastReloadAt = at;
        Changed?.Invoke();
    }
}
