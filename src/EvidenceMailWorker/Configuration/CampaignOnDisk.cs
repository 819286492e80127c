namespace EvidenceMailWorker.Configuration;

// The problems of the campaign files as this process read them at start; empty for every verb but
// one that runs on a campaign with problems to report them (`status`).
public sealed record CampaignOnDisk(IReadOnlyList<ConfigProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}
