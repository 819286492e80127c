using EvidenceMailWorker.Configuration;

namespace EvidenceMailWorker.Understanding;

// CONTRACT §5 "Evidence": a stored code names a criterion by (track, code). A code only one track
// has names that criterion; a code several tracks share names the one of the submission's track,
// and none when the submission has no track. Receipts, reports and the export all resolve through
// here so they never disagree on which criterion a file counts for.
public sealed class CriterionResolver
{
    private readonly Dictionary<string, List<CriterionOptions>> _byCode = new(StringComparer.OrdinalIgnoreCase);

    public CriterionResolver(CampaignOptions campaign)
    {
        foreach (var criterion in campaign.Criteria)
        {
            if (!_byCode.TryGetValue(criterion.Code, out var list))
                _byCode[criterion.Code] = list = [];
            list.Add(criterion);
        }
    }

    public CriterionOptions? Resolve(string code, string? submissionTrack)
    {
        if (!_byCode.TryGetValue(code, out var candidates))
            return null;
        if (candidates.Count == 1)
            return candidates[0];
        return submissionTrack is null ? null : candidates.FirstOrDefault(c => c.Track == submissionTrack);
    }

    public IReadOnlyList<CriterionOptions> Resolve(IEnumerable<string> codes, string? submissionTrack)
    {
        var result = new List<CriterionOptions>();
        foreach (var code in codes)
            if (Resolve(code, submissionTrack) is { } criterion && !result.Contains(criterion))
                result.Add(criterion);
        return result;
    }
}
