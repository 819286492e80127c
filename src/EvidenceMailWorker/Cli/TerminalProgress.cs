namespace EvidenceMailWorker.Cli;

// Progress for long work on an interactive terminal only: stderr, one line rewritten in place.
// Silent when stderr is redirected (scripts, CI, logs) and with --json, so nothing extra appears.
public sealed class TerminalProgress(bool enabled)
{
    private readonly bool _enabled = enabled && !Console.IsErrorRedirected;
    private readonly Lock _gate = new(); // parallel work reports from several threads
    private int _lastLength;

    public static TerminalProgress Off { get; } = new(false);

    public void Show(string text)
    {
        if (!_enabled)
            return;
        lock (_gate)
        {
            var padded = text.PadRight(_lastLength);
            _lastLength = text.Length;
            Console.Error.Write("\r" + padded);
        }
    }

    public void Done()
    {
        if (!_enabled || _lastLength == 0)
            return;
        Console.Error.Write("\r" + new string(' ', _lastLength) + "\r");
        _lastLength = 0;
    }
}
