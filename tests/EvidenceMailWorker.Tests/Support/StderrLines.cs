using System.Collections.Concurrent;
using System.Diagnostics;

namespace EvidenceMailWorker.Tests.Support;

// A worker process's stderr, read as it comes, so a test can wait for an event the worker logs
// instead of sleeping. The deadline only stops a hung test; it asserts nothing about speed.
public sealed class StderrLines
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Task _reading;

    public StderrLines(Process process) => _reading = ReadAsync(process);

    public IReadOnlyList<string> Lines => _lines.ToList();

    public string Text => string.Join('\n', _lines);

    public async Task<string> WaitForAsync(string fragment)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            if (_lines.FirstOrDefault(l => l.Contains(fragment, StringComparison.Ordinal)) is { } line)
                return line;
            if (_reading.IsCompleted)
                throw new InvalidOperationException($"the process ended without logging \"{fragment}\":\n{Text}");
            try
            {
                await _arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no line with \"{fragment}\" within {Deadline}:\n{Text}");
            }
        }
    }

    public int Count(string fragment) => _lines.Count(l => l.Contains(fragment, StringComparison.Ordinal));

    private async Task ReadAsync(Process process)
    {
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            _lines.Enqueue(line);
            _arrived.Release();
        }
        _arrived.Release();
    }
}
