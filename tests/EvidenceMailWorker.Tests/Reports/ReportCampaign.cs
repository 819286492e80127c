using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Tests.Reports;

// A small campaign whose report is computed by hand in ReportRuleTests (CONTRACT §5).
// doan: A (unit, 5), B (unit, 4), C (cluster, 2) → every two-unit cluster requires 2×9 + 2 = 20.
// hoi:  A (unit, 4; the code repeats across tracks), H (cluster, 6) → 2×4 + 6 = 14.
// Eight clusters of two units each; Scoring 0.8 / 0.2.
public static class ReportCampaign
{
    public static readonly DateTimeOffset GeneratedAt = new(2024, 9, 20, 8, 0, 0, TimeSpan.FromHours(7));

    public static CampaignOptions Create()
    {
        var campaign = new CampaignOptions
        {
            Year = 2024,
            Organization = "Huyện đoàn Thử",
            Mailbox = "hd@example.org",
            TimeZone = "Asia/Ho_Chi_Minh",
            Tracks =
            [
                new TrackOptions { Id = "doan", Name = "Công tác Đoàn" },
                new TrackOptions { Id = "hoi", Name = "Công tác Hội" },
            ],
            Periods =
            [
                new PeriodOptions { Id = "p1", Name = "6 tháng đầu năm 2024", Deadline = "2024-06-10T00:00:00+07:00" },
                new PeriodOptions { Id = "p2", Name = "9 tháng năm 2024", Deadline = "2024-09-10T00:00:00+07:00" },
            ],
            Scoring = new ScoringOptions { CoverageWeight = 0.8, TimelinessWeight = 0.2 },
            Awards =
            [
                new AwardOptions { Track = "doan", Kind = "Cluster", Title = "Cụm dẫn đầu", PrizeVnd = 1_000_000 },
                new AwardOptions { Track = "doan", Kind = "ClusterLeader", Title = "Cụm trưởng xuất sắc", PrizeVnd = 500_000 },
                new AwardOptions { Track = "hoi", Kind = "Cluster", Title = "Cụm dẫn đầu (Hội)", PrizeVnd = 800_000 },
            ],
            Criteria =
            [
                new CriterionOptions { Track = "doan", Code = "A", Name = "Học tập Nghị quyết", Points = 5, Scope = "Unit" },
                new CriterionOptions { Track = "doan", Code = "B", Name = "Tình nguyện", Points = 4, Scope = "Unit" },
                new CriterionOptions { Track = "doan", Code = "C", Name = "Hoạt động chung của cụm", Points = 2, Scope = "Cluster" },
                new CriterionOptions { Track = "hoi", Code = "A", Name = "Giáo dục hội viên", Points = 4, Scope = "Unit" },
                new CriterionOptions { Track = "hoi", Code = "H", Name = "Phối hợp của cụm", Points = 6, Scope = "Cluster" },
            ],
        };
        for (var i = 1; i <= 16; i++)
            campaign.Units.Add(new UnitOptions { Id = $"u{i}", Name = $"Xã Thạnh Hòa {i}", Emails = [$"u{i}@example.org"] });
        for (var c = 1; c <= 8; c++)
            campaign.Clusters.Add(new ClusterOptions
            {
                Id = $"c{c}",
                Name = $"Cụm {c}",
                Leader = $"u{2 * c - 1}",
                Deputy = $"u{2 * c}",
                Units = [$"u{2 * c - 1}", $"u{2 * c}"],
            });
        return campaign;
    }

    public sealed record Item(string Code, string? Unit);

    private static Item I(string code, string? unit) => new(code, unit);

    // Local (+07:00) times; `late` as matching stored it.
    public sealed record Sent(string Unit, string? Track, string Period, bool Late, DateTimeOffset At, params Item[] Items);

    private static DateTimeOffset Local(int month, int day, int hour) => new(2024, month, day, hour, 0, 0, TimeSpan.FromHours(7));

    public static IReadOnlyList<Sent> Mail =>
    [
        // c1: everything, on time, in p1; one more on-time file in p2.
        new("u1", "doan", "p1", false, Local(6, 5, 8), I("A", "u1"), I("B", "u1"), I("A", "u2"), I("B", "u2"), I("C", null)),
        new("u1", "doan", "p2", false, Local(9, 1, 8), I("A", "u1")),
        // c2: everything, but late; u4 sends its own files. In p2 one on-time file for u3.
        new("u3", "doan", "p1", true, Local(6, 11, 9), I("A", "u3"), I("B", "u3"), I("C", null)),
        new("u4", "doan", "p1", true, Local(6, 12, 9), I("A", "u4"), I("B", "u4")),
        new("u3", "doan", "p2", false, Local(9, 2, 9), I("A", "u3")),
        // c3: B for both units on time, A late; nothing for C. Plus a hoi submission (A is hoi's A here).
        new("u5", "doan", "p1", false, Local(6, 6, 9), I("B", "u5"), I("B", "u6")),
        new("u5", "doan", "p1", true, Local(6, 13, 9), I("A", "u5"), I("A", "u6")),
        new("u5", "hoi", "p1", false, Local(6, 7, 9), I("A", "u5"), I("H", null)),
        // c4 and c5: A for both units, on time; c4 first.
        new("u7", "doan", "p1", false, Local(6, 7, 10), I("A", "u7"), I("A", "u8")),
        new("u9", "doan", "p1", false, Local(6, 8, 10), I("A", "u9"), I("A", "u10")),
        // c6 and c7: A for one unit, on time, at the same instant (a full tie). c6 also sends a file
        // with the shared code A and no track: it names no criterion.
        new("u11", "doan", "p1", false, Local(6, 9, 10), I("A", "u11")),
        new("u13", "doan", "p1", false, Local(6, 9, 10), I("A", "u13")),
        new("u12", null, "p1", false, Local(6, 9, 11), I("A", "u12")),
        // c8: nothing in p1; everything on time in p2.
        new("u15", "doan", "p2", false, Local(9, 5, 8), I("A", "u15"), I("B", "u15"), I("A", "u16"), I("B", "u16"), I("C", null)),
    ];

    public static IReadOnlyList<SubmissionRecord> Records(CampaignOptions campaign) =>
        Mail.Select((m, i) =>
        {
            var cluster = campaign.Clusters.First(c => c.Units.Contains(m.Unit)).Id;
            return new SubmissionRecord(i + 1, $"<m{i + 1}@example.org>", m.At.UtcDateTime, $"{m.Unit}@example.org", null, null,
                "minh chứng", "accepted", null, null, cluster, m.Unit, m.Track, m.Period, m.Late,
                m.Items.Select((it, j) => new AttachmentRecord($"TC {it.Code} - {j}.pdf", $"TC {it.Code} - {j}.pdf", "application/pdf", "application/pdf",
                    100 + j, $"{i:x4}{j:x4}", null, [it.Code], it.Unit is null ? [] : [it.Unit])).ToList());
        }).ToList();
}
