using Microsoft.Extensions.Options;

namespace EvidenceMailWorker.Tests.Imap;

// Options that never change, for components built by hand in tests.
public sealed class StaticOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;
    public T Get(string? name) => value;
    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
