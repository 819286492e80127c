namespace EvidenceMailWorker.Outbound;

// Lets one background loop nudge another ("there is new work") instead of both polling fast.
// A pulse that arrives while nobody waits is remembered until the next wait.
public sealed class Wakeup
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _signal = NewSignal();

    public void Pulse()
    {
        lock (_gate)
            _signal.TrySetResult();
    }

    // Returns when pulsed or after timeout, whichever is first; the clock decides what "after" means.
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        Task signal;
        lock (_gate)
            signal = _signal.Task;
        using var cancelDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, clock, cancelDelay.Token);
        await Task.WhenAny(signal, delay);
        await cancelDelay.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_signal.Task.IsCompleted)
                _signal = NewSignal();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
