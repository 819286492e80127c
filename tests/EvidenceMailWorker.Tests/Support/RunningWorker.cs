using System.Diagnostics;
using System.Globalization;

namespace EvidenceMailWorker.Tests.Support;

// A started `run` whose stderr is read as it comes, so a test can wait for a log line (an event)
// instead of sleeping, and stop it with SIGTERM as an operator would.
public sealed class RunningWorker : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly Task _reader;

    public RunningWorker(Process process)
    {
        _process = process;
        _ = process.StandardOutput.ReadToEndAsync();
        _reader = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
                lock (_lines)
                    _lines.Add(line);
        });
    }

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) return [.. _lines]; }
    }

    public async Task WaitForLineAsync(string text)
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (!Lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            if (_process.HasExited || DateTime.UtcNow > until)
                throw new InvalidOperationException($"no line with '{text}'; the worker said:\n" + string.Join("\n", Lines));
            await Task.Delay(50);
        }
    }

    public async Task StopAsync()
    {
        Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(timeout.Token);
        await _reader;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
