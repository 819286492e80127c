using System.Threading.Channels;
using EvidenceMailWorker.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EvidenceMailWorker.Health;

// `run`: stores what became of the configuration (loaded at start, then each reload) for `status`.
// Reloads happen on the file watcher's thread; the writes are queued and made here, in order.
public sealed class ConfigReloadRecorder(ConfigReloadState state, ConfigReloadStore store, WorkerIdentity worker, TimeProvider clock,
    ILogger<ConfigReloadRecorder> logger) : BackgroundService
{
    private readonly Channel<ConfigReloadRecord> _pending = Channel.CreateUnbounded<ConfigReloadRecord>(new UnboundedChannelOptions { SingleReader = true });
    private DateTimeOffset _startedAt;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _startedAt = clock.GetUtcNow();
        state.Changed += OnChanged;
        _pending.Writer.TryWrite(Current());
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        state.Changed -= OnChanged;
        await base.StopAsync(cancellationToken);
    }

    private void OnChanged() => _pending.Writer.TryWrite(Current());

    private ConfigReloadRecord Current()
    {
        var rejected = state.Rejected;
        var name = state.LastReloadAt is null ? "loaded" : rejected.Count > 0 ? "rejected" : "accepted";
        return new ConfigReloadRecord(worker.Name, _startedAt, state.LastReloadAt, name, rejected.Select(p => p.ToString()).ToList());
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var record in _pending.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await store.SaveAsync(record, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database may be down; the log has the reload itself, and the next one is stored.
                    logger.LogDebug(e, "Could not store the configuration state for `status`");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
