using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Tests.Support;
using EvidenceMailWorker.Understanding;

namespace EvidenceMailWorker.Tests.Understanding;

// The sample campaign's matcher and short ways to ask it about one subject, file or body.
internal static class Sample
{
    public static readonly CampaignOptions Campaign = SampleCampaign.Load();
    public static readonly CampaignMatcher Matcher = new(Campaign);

    // 8 June 2024, 09:15 in Vietnam: before the half-year deadline.
    public static readonly DateTimeOffset June8 = new(2024, 6, 8, 9, 15, 0, TimeSpan.FromHours(7));

    // A member unit of cum-2 that is neither its leader nor its deputy.
    public const string Member = "xa-ngoc-thuan";
    public const string Leader = "xa-ngoc-chuc";

    public static MessageMatch Message(string subject, string? sender = Leader, DateTimeOffset? at = null, string? text = null, string? html = null, params FileToMatch[] files) =>
        Matcher.Match(new MessageToMatch(subject, at ?? June8, sender, files, text, html));

    public static ItemMatch File(string fileName, string subject = "Cụm 2 gửi minh chứng công tác Đoàn", string? sender = Leader) =>
        Message(subject, sender, files: new FileToMatch(fileName)).Files.Single();

    public static ItemMatch Entry(string archivePath, string archiveName = "minh chung.zip", string subject = "Cụm 2 gửi minh chứng công tác Đoàn") =>
        Message(subject, Leader, files: new FileToMatch(archivePath[(archivePath.LastIndexOf('/') + 1)..], archivePath, archiveName)).Files.Single();

    public static CampaignOptions Modified(Action<CampaignOptions> change)
    {
        var campaign = SampleCampaign.Load();
        change(campaign);
        return campaign;
    }
}
