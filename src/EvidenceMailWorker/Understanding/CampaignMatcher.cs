using System.Runtime.CompilerServices;
using EvidenceMailWorker.Configuration;

namespace EvidenceMailWorker.Understanding;

// CONTRACT §4 Period, Track, Criterion of a file, Unit of a file and Links, compiled once per campaign
// version. Pure: the caller supplies the words, the received time and the sender's unit.
public sealed class CampaignMatcher
{
    // IOptionsMonitor hands out one CampaignOptions instance per configuration version, so keying on
    // the instance compiles each version once; instances must therefore not be mutated after use.
    private static readonly ConditionalWeakTable<CampaignOptions, CampaignMatcher> Compiled = [];

    private readonly PeriodRule _periods;
    private readonly PhraseIndex _tracks;
    private readonly PhraseIndex _units;
    private readonly CriterionCodes _codes;
    private readonly Dictionary<string, PhraseIndex> _keywordsByTrack = new(StringComparer.Ordinal);
    private readonly PhraseIndex _keywordsOfAllTracks;
    private readonly Dictionary<string, string> _trackOfCriterionInTrack = new(StringComparer.Ordinal);
    private readonly HashSet<string> _leadersAndDeputies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _criterionOrder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _unitOrder = new(StringComparer.Ordinal);

    public CampaignMatcher(CampaignOptions campaign)
    {
        _periods = new PeriodRule(campaign);
        _tracks = new PhraseIndex(campaign.Tracks.SelectMany(t => t.Keywords.Select(k => (t.Id, k))));
        _units = new PhraseIndex(UnitNames.Phrases(campaign.Units));
        _codes = new CriterionCodes(campaign);
        // Keyword ambiguity is judged among the criteria that compete: a track's own when it is known.
        foreach (var track in campaign.Criteria.Select(c => c.Track).Distinct(StringComparer.Ordinal))
            _keywordsByTrack[track] = KeywordIndex(campaign.Criteria.Where(c => c.Track == track));
        _keywordsOfAllTracks = KeywordIndex(campaign.Criteria);
        foreach (var cluster in campaign.Clusters)
        {
            _leadersAndDeputies.Add(cluster.Leader);
            _leadersAndDeputies.Add(cluster.Deputy);
        }
        for (var i = 0; i < campaign.Criteria.Count; i++)
            _criterionOrder.TryAdd(campaign.Criteria[i].Code, i);
        for (var i = 0; i < campaign.Units.Count; i++)
            _unitOrder.TryAdd(campaign.Units[i].Id, i);
    }

    public static CampaignMatcher For(CampaignOptions campaign) => Compiled.GetValue(campaign, c => new CampaignMatcher(c));

    private static PhraseIndex KeywordIndex(IEnumerable<CriterionOptions> criteria) =>
        new(criteria.SelectMany(c => c.Keywords.Select(k => (c.Code, k))));

    public MessageMatch Match(MessageToMatch message)
    {
        var subject = VietnameseText.Tokenize(message.Subject);
        var period = _periods.Decide(subject, message.ReceivedAt);

        var files = message.Files.Select(NearestFirst).ToList();
        var links = DocumentLinks.Find(message.TextBody, message.HtmlBody)
            .Select(l => (l.Url, Contexts: l.Contexts.Select(VietnameseText.Tokenize).ToList()))
            .ToList();

        // Codes of every track first: when the subject does not name a track, they decide it.
        var fileCodes = files.Select(segments => segments.Select(_codes.Find).FirstOrDefault(c => c.Count > 0) ?? []).ToList();
        var linkCodes = links.Select(l => (IReadOnlyList<string>)l.Contexts.SelectMany(_codes.Find).Distinct(StringComparer.Ordinal).ToList()).ToList();
        var subjectTracks = _tracks.Entities(subject);
        var track = subjectTracks.Count == 1
            ? subjectTracks[0]
            : _codes.SharedTrack(fileCodes.Concat(linkCodes).SelectMany(c => c));

        var fallback = FallbackUnit(subject, message.SenderUnitId);
        // A file: keywords of its name only, units of its most specific place. A link: every
        // context it appears in (text line, HTML block) counts.
        var fileMatches = files.Select((segments, i) => Item(fileCodes[i], [segments[0]],
            segments.Select(_units.Entities).FirstOrDefault(u => u.Count > 0) ?? [], track, fallback)).ToList();
        var linkMatches = links.Select((l, i) => new LinkMatch(l.Url, Item(linkCodes[i], l.Contexts,
            l.Contexts.SelectMany(_units.Entities).ToList(), track, fallback))).ToList();
        return new MessageMatch(track, period.PeriodId, period.Late, period.NamedInSubject, fileMatches, linkMatches);
    }

    // The file name, then its folders from the innermost out, then the archive's own name: the most
    // specific place that names a code or a unit wins over the ones around it.
    private static List<IReadOnlyList<Token>> NearestFirst(FileToMatch file)
    {
        var segments = new List<IReadOnlyList<Token>> { VietnameseText.Tokenize(file.FileName) };
        if (file.ArchivePath is not null)
        {
            var folders = file.ArchivePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            for (var i = folders.Length - 2; i >= 0; i--)
                segments.Add(VietnameseText.Tokenize(folders[i]));
        }
        if (file.ArchiveName is not null)
            segments.Add(VietnameseText.Tokenize(file.ArchiveName));
        return segments;
    }

    private ItemMatch Item(IReadOnlyList<string> codes, IReadOnlyList<IReadOnlyList<Token>> keywordTexts,
        IReadOnlyList<string> namedUnits, string? track, (string? Unit, UnitSource Source) fallback)
    {
        var inTrack = codes.Where(c => track is null || _codes.TracksOf(c).Contains(track)).ToList();
        var otherTrack = codes.Except(inTrack, StringComparer.Ordinal).ToList();
        var (criteria, criterionSource) = (inTrack, inTrack.Count > 0 ? CriterionSource.Code : CriterionSource.None);
        if (codes.Count == 0)
        {
            var keywords = track is not null && _keywordsByTrack.TryGetValue(track, out var own) ? own : _keywordsOfAllTracks;
            var suggested = keywordTexts.SelectMany(keywords.Entities).Distinct(StringComparer.Ordinal).ToList();
            // A name with the keywords of two criteria (`Biên bản bàn giao`) suggests neither.
            if (suggested.Count == 1)
                (criteria, criterionSource) = (suggested, CriterionSource.Keyword);
        }

        var (units, unitSource) = namedUnits.Count > 0
            ? (namedUnits, UnitSource.Named)
            : fallback.Unit is null ? ([], UnitSource.None) : ((IReadOnlyList<string>)[fallback.Unit], fallback.Source);

        return new ItemMatch(SortBy(criteria, _criterionOrder), criterionSource, SortBy(units, _unitOrder), unitSource, otherTrack);
    }

    // The subject's unit when it names exactly one; else the sender's own unit, except for a cluster's
    // leader or deputy, who send for the whole cluster.
    private (string? Unit, UnitSource Source) FallbackUnit(IReadOnlyList<Token> subject, string? senderUnit)
    {
        var inSubject = _units.Entities(subject);
        if (inSubject.Count == 1)
            return (inSubject[0], UnitSource.Subject);
        if (senderUnit is not null && !_leadersAndDeputies.Contains(senderUnit))
            return (senderUnit, UnitSource.Sender);
        return (null, UnitSource.None);
    }

    private static List<string> SortBy(IEnumerable<string> ids, Dictionary<string, int> order) =>
        ids.Distinct(StringComparer.Ordinal).OrderBy(id => order.GetValueOrDefault(id, int.MaxValue)).ToList();
}
