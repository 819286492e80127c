using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Schedule;

// A campaign small enough to count every reminder by hand, and stored submissions for it.
internal static class SmallCity
{
    // City, cut down: cum-1 = p1 (leader), p3 (deputy); cum-2 = p5 (leader), p7 (deputy); cum-3 = hoa-luu
    // (leader), tan-tien (deputy). Criteria: dtn 1 (unit), 5 (cluster); hlhtn 1 (unit).
    public static CampaignOptions Campaign()
    {
        var c = TestCampaigns.Named(TestCampaigns.City);
        c.Clusters[0].Units = ["p1", "p3"];
        c.Clusters[1].Units = ["p5", "p7"];
        c.Clusters[2].Units = ["hoa-luu", "tan-tien"];
        var keep = new HashSet<string> { "p1", "p3", "p5", "p7", "hoa-luu", "tan-tien" };
        c.Units = c.Units.Where(u => keep.Contains(u.Id)).ToList();
        c.Criteria = c.Criteria.Where(x => (x.Track, x.Code) is ("dtn", "1") or ("dtn", "5") or ("hlhtn", "1")).ToList();
        return c;
    }

    private static long _id;

    public static SubmissionRecord Submission(string unit, string cluster, string track, DateTimeOffset at, string period, bool late,
        params (string Code, string? Unit)[] files) =>
        new(Interlocked.Increment(ref _id), $"<m{_id}@x>", at.UtcDateTime, $"{unit}@example.org", unit, null, "minh chứng",
            MessageStatus.Accepted, null, null, cluster, unit, track, period, late,
            files.Select(f => new AttachmentRecord($"TC {f.Code}.pdf", $"TC {f.Code}.pdf", "application/pdf", "application/pdf", 10, "00",
                null, [f.Code], f.Unit is null ? [] : [f.Unit])).ToList());
}
