using System.Runtime.CompilerServices;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Text;

namespace EvidenceMailWorker.Understanding;

// CONTRACT §4 Period, Track, Criterion of a file, Unit of a file and Links, compiled once per campaign
// version. Pure: the caller supplies the words, the received time and the sender's unit.
public sealed class CampaignMatcher
{
    // IOptionsMonitor hands out one options instance per configuration version, so keying on the
    // instances compiles each version once; instances must therefore not be mutated after use.
    private static readonly ConditionalWeakTable<CampaignOptions, ConditionalWeakTable<UnderstandingOptions, CampaignMatcher>> Compiled = [];
    private static readonly UnderstandingOptions Defaults = new();

    private readonly PeriodRule _periods;
    private readonly PhraseIndex _tracks;
    private readonly UnitFinder _units;
    private readonly CriterionCodes _codes;
    private readonly IReadOnlyList<string> _linkHosts;
    private readonly Dictionary<string, PhraseIndex> _keywordsByTrack = new(StringComparer.Ordinal);
    private readonly PhraseIndex _keywordsOfAllTracks;
    private readonly HashSet<string> _leadersAndDeputies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _criterionOrder = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _unitOrder = new(StringComparer.Ordinal);

    public CampaignMatcher(CampaignOptions campaign, UnderstandingOptions? understanding = null)
    {
        _periods = new PeriodRule(campaign);
        _tracks = new PhraseIndex(campaign.Tracks.SelectMany(t => t.Keywords.Select(k => (t.Id, k))));
        _units = new UnitFinder(campaign);
        _codes = new CriterionCodes(campaign);
        _linkHosts = (understanding ?? Defaults).EffectiveLinkHosts;
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

    public static CampaignMatcher For(CampaignOptions campaign, UnderstandingOptions? understanding = null) =>
        Compiled.GetValue(campaign, _ => []).GetValue(understanding ?? Defaults, u => new CampaignMatcher(campaign, u));

    // Keywords name a criterion of a track; with codes repeated across tracks the entity is the pair.
    private static PhraseIndex KeywordIndex(IEnumerable<CriterionOptions> criteria) =>
        new(criteria.SelectMany(c => c.Keywords.Select(k => (Entity(c.Track, c.Code), k))));

    private static string Entity(string track, string code) => track + "\n" + code;

    public MessageMatch Match(MessageToMatch message)
    {
        var subject = VietnameseText.Tokenize(message.Subject);
        var period = _periods.Decide(subject, message.ReceivedAt);

        var files = message.Files.Select(NearestFirst).ToList();
        var links = DocumentLinks.Find(message.TextBody, message.HtmlBody, _linkHosts);

        // Codes of every track first: when the subject does not name a track, they decide it.
        var fileCodes = files.Select(places => places.Select(p => _codes.Find(p.Text)).FirstOrDefault(c => c.Count > 0) ?? []).ToList();
        var linkCodes = links.Select(l => (IReadOnlyList<string>)l.Contexts.SelectMany(_codes.Find).Distinct(StringComparer.Ordinal).ToList()).ToList();
        var subjectTracks = _tracks.Entities(subject);
        var track = subjectTracks.Count == 1
            ? subjectTracks[0]
            : _codes.SharedTrack(fileCodes.Concat(linkCodes).SelectMany(c => c));

        var fallback = FallbackUnit(subject, message.SenderUnitId);
        // A file: keywords of its name only, units of its most specific place. A link: every
        // context it appears in (text line, HTML block) counts.
        var fileMatches = files.Select((places, i) => Item(fileCodes[i], [places[0].Tokens],
            places.Select(p => _units.Find(p.Tokens, message.SenderUnitId)).FirstOrDefault(u => u.Count > 0) ?? [], track, fallback)).ToList();
        var linkMatches = links.Select((l, i) =>
        {
            var contexts = l.Contexts.Select(VietnameseText.Tokenize).ToList();
            return new LinkMatch(l.Url, Item(linkCodes[i], contexts,
                contexts.SelectMany(c => _units.Find(c, message.SenderUnitId)).ToList(), track, fallback));
        }).ToList();
        return new MessageMatch(track, period.PeriodId, period.Late, period.NamedInSubject, fileMatches, linkMatches);
    }

    // Codes in a text that exist in several tracks, as configured: in a message that names no track
    // they name no criterion, and the receipt asks the sender to name the track in the subject.
    public IReadOnlyList<string> CodesOfSeveralTracks(string? text) =>
        _codes.Find(text).Where(k => _codes.TracksOf(k).Count > 1).Select(_codes.Spelling).ToList();

    public IReadOnlyCollection<string> TracksOfCode(string code) =>
        CodeForm.Parse(code) is { } form ? _codes.TracksOf(form.Key) : [];

    private sealed record Place(string Text, IReadOnlyList<Token> Tokens);

    // The file name, then its folders from the innermost out, then the archive's own name: the most
    // specific place that names a code or a unit wins over the ones around it.
    private static List<Place> NearestFirst(FileToMatch file)
    {
        var texts = new List<string> { file.FileName };
        if (file.ArchivePath is not null)
        {
            var folders = file.ArchivePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            for (var i = folders.Length - 2; i >= 0; i--)
                texts.Add(folders[i]);
        }
        if (file.ArchiveName is not null)
            texts.Add(file.ArchiveName);
        return texts.Select(t => new Place(t, VietnameseText.Tokenize(t))).ToList();
    }

    private ItemMatch Item(IReadOnlyList<string> keys, IReadOnlyList<IReadOnlyList<Token>> keywordTexts,
        IReadOnlyList<string> namedUnits, string? track, (string? Unit, UnitSource Source) fallback)
    {
        var criteria = new List<string>();
        var otherTrack = new List<string>();
        var needTrack = new List<string>();
        foreach (var key in keys)
        {
            if (track is not null)
            {
                if (_codes.InTrack(key, track) is { } code)
                    criteria.Add(code);
                else
                    otherTrack.Add(_codes.Spelling(key));
            }
            else if (_codes.Unique(key) is { } code)
                criteria.Add(code);
            else
                needTrack.Add(_codes.Spelling(key));
        }
        var criterionSource = criteria.Count > 0 ? CriterionSource.Code : CriterionSource.None;
        if (keys.Count == 0)
        {
            var keywords = track is not null && _keywordsByTrack.TryGetValue(track, out var own) ? own : _keywordsOfAllTracks;
            var suggested = keywordTexts.SelectMany(keywords.Entities).Distinct(StringComparer.Ordinal).ToList();
            // A name with the keywords of two criteria (`Biên bản bàn giao`) suggests neither; nor does
            // one keyword of two tracks' criteria when the message names no track.
            if (suggested.Count == 1)
            {
                var code = suggested[0][(suggested[0].IndexOf('\n') + 1)..];
                if (track is null && CodeForm.Parse(code) is { } form && _codes.Unique(form.Key) is null)
                    needTrack.Add(code);
                else
                    (criteria, criterionSource) = ([code], CriterionSource.Keyword);
            }
        }

        var (units, unitSource) = namedUnits.Count > 0
            ? (namedUnits, UnitSource.Named)
            : fallback.Unit is null ? ([], UnitSource.None) : ((IReadOnlyList<string>)[fallback.Unit], fallback.Source);

        return new ItemMatch(SortBy(criteria, _criterionOrder), criterionSource, SortBy(units, _unitOrder), unitSource, otherTrack, needTrack);
    }

    // The subject's unit when it names exactly one; else the sender's own unit, except for a cluster's
    // leader or deputy, who send for the whole cluster.
    private (string? Unit, UnitSource Source) FallbackUnit(IReadOnlyList<Token> subject, string? senderUnit)
    {
        var inSubject = _units.Find(subject, senderUnit);
        if (inSubject.Count == 1)
            return (inSubject[0], UnitSource.Subject);
        if (senderUnit is not null && !_leadersAndDeputies.Contains(senderUnit))
            return (senderUnit, UnitSource.Sender);
        return (null, UnitSource.None);
    }

    private static List<string> SortBy(IEnumerable<string> ids, Dictionary<string, int> order) =>
        ids.Distinct(StringComparer.Ordinal).OrderBy(id => order.GetValueOrDefault(id, int.MaxValue)).ToList();
}
