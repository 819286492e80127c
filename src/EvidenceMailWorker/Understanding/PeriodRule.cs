using EvidenceMailWorker.Text;
using EvidenceMailWorker.Configuration;

namespace EvidenceMailWorker.Understanding;

public sealed record PeriodDecision(string? PeriodId, bool? Late, bool NamedInSubject);

// CONTRACT §4 Period: the subject names it, else the received time decides.
public sealed class PeriodRule
{
    private readonly PhraseIndex _names;
    private readonly (string Id, DateTimeOffset Deadline)[] _byDeadline;
    private readonly TimeSpan _lateWindow;

    public PeriodRule(CampaignOptions campaign)
    {
        _names = new PhraseIndex(campaign.Periods.SelectMany(p => p.Aliases.Prepend(p.Name).Select(text => (p.Id, text))));
        _byDeadline = campaign.Periods
            .Select(p => (p.Id, Ok: DeadlineFormat.TryParse(p.Deadline, out var d), Deadline: d))
            .Where(p => p.Ok)
            .Select(p => (p.Id, p.Deadline))
            .OrderBy(p => p.Deadline)
            .ToArray();
        _lateWindow = TimeSpan.FromDays(campaign.LateWindowDays);
    }

    public PeriodDecision Decide(IReadOnlyList<Token> subject, DateTimeOffset receivedAt)
    {
        var named = _names.Entities(subject);
        if (named.Count == 1)
            return new PeriodDecision(named[0], IsLate(named[0], receivedAt), NamedInSubject: true);
        var id = ByReceivedTime(receivedAt);
        return new PeriodDecision(id, id is null ? null : IsLate(id, receivedAt), NamedInSubject: false);
    }

    private string? ByReceivedTime(DateTimeOffset receivedAt)
    {
        if (_byDeadline.Length == 0)
            return null;
        // The latest deadline already passed, while its late window is open: mail finishing that period.
        var justClosed = _byDeadline.LastOrDefault(p => p.Deadline <= receivedAt);
        if (justClosed.Id is not null && receivedAt < justClosed.Deadline + _lateWindow)
            return justClosed.Id;
        var next = _byDeadline.FirstOrDefault(p => p.Deadline > receivedAt);
        return next.Id ?? _byDeadline[^1].Id;
    }

    private bool? IsLate(string periodId, DateTimeOffset receivedAt)
    {
        foreach (var (id, deadline) in _byDeadline)
            if (id == periodId)
                return receivedAt >= deadline;
        return null;
    }
}
