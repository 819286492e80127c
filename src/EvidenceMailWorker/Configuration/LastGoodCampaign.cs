using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace EvidenceMailWorker.Configuration;

// The campaign the running worker uses: re-read when campaign.json (or appsettings.json) changes on
// disk, validated like `config check`, and swapped in only when valid. Editors write a file in several
// steps and file watchers fire several times per save, so a reload waits for a quiet second. A bad
// edit is logged problem by problem and the last good campaign stays live (the stock monitor would
// hand out the broken values, dotnet/runtime#44381).
public sealed class LastGoodCampaign : IOptionsMonitor<CampaignOptions>, IDisposable
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(1);

    private readonly IConfiguration _configuration;
    private readonly ConfigReloadState _state;
    private readonly TimeProvider _clock;
    private readonly ILogger<LastGoodCampaign> _logger;
    private readonly ITimer _debounce;
    private readonly IDisposable _watch;
    private readonly Lock _gate = new();
    // One reload at a time: the debounce timer may fire again while a slow validation runs.
    private readonly Lock _reloading = new();
    private readonly List<Action<CampaignOptions, string?>> _listeners = [];
    private CampaignOptions _current;
    private string _currentJson;

    public LastGoodCampaign(IConfiguration configuration, ConfigReloadState state, TimeProvider clock, ILogger<LastGoodCampaign> logger)
    {
        _configuration = configuration;
        _state = state;
        _clock = clock;
        _logger = logger;
        // Verbs validate before the host is built, so the first read is a good one.
        _current = CampaignReader.Read(configuration, out _);
        _currentJson = JsonSerializer.Serialize(_current);
        _debounce = clock.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _watch = ChangeToken.OnChange(configuration.GetReloadToken, () => _debounce.Change(Quiet, Timeout.InfiniteTimeSpan));
    }

    public CampaignOptions CurrentValue
    {
        get { lock (_gate) return _current; }
    }

    public CampaignOptions Get(string? name) => CurrentValue;

    public IDisposable OnChange(Action<CampaignOptions, string?> listener)
    {
        lock (_gate)
            _listeners.Add(listener);
        return new Unsubscribe(() => { lock (_gate) _listeners.Remove(listener); });
    }

    // Public for tests and for an explicit reload; normally called by the debounced file watcher.
    public void Reload()
    {
        lock (_reloading)
            ReloadOnce();
    }

    private void ReloadOnce()
    {
        var now = _clock.GetUtcNow();
        // Bound once: the campaign that is validated is the one applied, even if the file changes again
        // while this runs (the next reload then sees that change).
        var campaign = CampaignReader.Read(_configuration, out var campaignProblems);
        IReadOnlyList<ConfigProblem> problems = [.. InfrastructureValidator.Validate(_configuration), .. campaignProblems];
        if (problems.Count > 0)
        {
            _state.Refused(problems, now);
            _logger.LogError("The edited configuration has {Count} problem(s) and was not applied; the last good configuration stays in use", problems.Count);
            foreach (var problem in problems)
                _logger.LogError("  {Path}: {Message}", problem.Path, problem.Message);
            return;
        }
        var json = JsonSerializer.Serialize(campaign);
        List<Action<CampaignOptions, string?>> listeners;
        lock (_gate)
        {
            _state.Accepted(now);
            if (json == _currentJson)
                return;
            (_current, _currentJson) = (campaign, json);
            listeners = [.. _listeners];
        }
        _logger.LogInformation("The edited campaign is valid and in use. Messages already stored are not matched again automatically; run `reprocess` to apply the edit to them");
        foreach (var listener in listeners)
            listener(campaign, Options.DefaultName);
    }

    public void Dispose()
    {
        _watch.Dispose();
        _debounce.Dispose();
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
