using EvidenceMailWorker.Understanding;

namespace EvidenceMailWorker.Storage;

// CONTRACT §5 "Evidence": every attachment (archives and their entries alike) and every link of a
// submission, one item per unit it names (or one with no unit), carrying the submission's track.
public static class EvidenceItems
{
    public static IEnumerable<EvidenceItem> Of(SubmissionRecord submission) =>
        submission.Attachments.Select(a => (a.Units, a.Criteria))
            .Concat(submission.Links.Select(l => (l.Units, l.Criteria)))
            .SelectMany(item => item.Units.Count == 0
                ? [new EvidenceItem(null, item.Criteria, submission.Track)]
                : item.Units.Select(unit => new EvidenceItem(unit, item.Criteria, submission.Track)));
}
