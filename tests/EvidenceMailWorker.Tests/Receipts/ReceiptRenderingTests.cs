using EvidenceMailWorker.Core;
using EvidenceMailWorker.Receipts;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Templates;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Receipts;

// The receipt's content for a realistic sample of the sample campaign, with matching results
// filled in as the matching step stores them. Set EVIDENCEMAIL_SAMPLE_RECEIPT=path.html to keep the
// rendered HTML (docs/receipt-phone.png is a headless-Chromium screenshot of it).
public sealed class ReceiptRenderingTests
{
    private static AttachmentRecord File(string name, string[] criteria, string[] units, string? archivePath = null) =>
        new(name, name, "application/octet-stream", "application/octet-stream", 1000, "0", archivePath, criteria, units);

    public static (ReceiptModel Model, string Html, string Text) Sample()
    {
        var campaign = SampleCampaign.Load();
        var received = new DateTime(2024, 6, 8, 2, 15, 0, DateTimeKind.Utc);
        var first = new SubmissionRecord(1, "<a@mail.gmail.com>", received, Submissions.NgocChuc, "Đoàn xã Ngọc Chúc", null,
            "Cụm 2 gửi minh chứng 6 tháng đầu năm 2024 (phần 1)", MessageStatus.Accepted, null, null, "cum-2", "xa-ngoc-chuc", "doan", "2024-6t", false,
            [
                File("TC 1.1 - Kế hoạch học tập Nghị quyết.pdf", ["1.1"], ["xa-ngoc-chuc"]),
                File("TC 2.1 - Xã Ngọc Thuận - Báo cáo tình nguyện hè.docx", ["2.1"], ["xa-ngoc-thuan"]),
                File("IMG_20240605_083012.jpg", [], []),
            ]);
        var second = new SubmissionRecord(2, "<b@mail.gmail.com>", received.AddMinutes(1), Submissions.NgocChuc, "Đoàn xã Ngọc Chúc", null,
            "Cụm 2 gửi minh chứng 6 tháng đầu năm 2024 (phần 2)", MessageStatus.Accepted, null, null, "cum-2", "xa-ngoc-chuc", "doan", "2024-6t", false,
            [
                File("Minh chung cum 2.zip", [], []),
                File("Biên bản họp cụm tháng 5.pdf", ["4.5"], [], "Tiêu chí 4.5/Biên bản họp cụm tháng 5.pdf"),
                File("anh ky niem 26-3.jpg", ["1.3"], ["xa-ban-thach"], "Tiêu chí 1.3/Xã Bàn Thạch/anh ky niem 26-3.jpg"),
            ]);
        var model = new ReceiptModelBuilder(new CoverageMissingEvidence())
            .Build(new CampaignDirectory(campaign), Submissions.NgocChuc, [first, second], [first, second]);
        var rendered = Render(model);
        return (model, rendered.Html, rendered.Text);
    }

    [Fact]
    public void A_code_of_both_tracks_in_a_message_without_a_track_asks_the_sender_to_name_the_track()
    {
        // City campaign: code 1 is both Đoàn's and Hội's; the subject names neither.
        var campaign = TestCampaigns.Named(TestCampaigns.City);
        var received = new DateTime(2025, 6, 10, 2, 0, 0, DateTimeKind.Utc);
        var message = new SubmissionRecord(1, "<c@mail.gmail.com>", received, "doanphuong1@example.org", "Đoàn phường 1", null,
            "Cụm 1 gửi minh chứng", MessageStatus.Accepted, null, null, "cum-1", "p1", null, "2025-6t", false,
            [File("TC 1 - Kế hoạch.pdf", [], []), File("ảnh hoạt động.jpg", [], [])]);
        var model = new ReceiptModelBuilder(new CoverageMissingEvidence())
            .Build(new CampaignDirectory(campaign), "doanphuong1@example.org", [message], [message]);
        var files = model.Messages.Single().Files;

        Assert.Equal("chưa xác định được: mã “1” có ở nhiều mảng; xin ghi rõ mảng trong tiêu đề thư, ví dụ “đoàn” (Công tác Đoàn và phong trào thanh thiếu nhi) hoặc “hội” (Công tác Hội và phong trào thanh niên)",
            files[0].CriterionProblem);
        Assert.Equal("chưa xác định được: tên tệp và thư mục không có mã tiêu chí (ví dụ “TC 1”)", files[1].CriterionProblem);
        Assert.Contains("ghi rõ mảng trong tiêu đề thư", Render(model).Text);
    }

    [Fact]
    public void The_receipt_names_each_file_with_its_criterion_and_unit_and_says_what_could_not_be_matched()
    {
        var (_, html, text) = Sample();
        if (Environment.GetEnvironmentVariable("EVIDENCEMAIL_SAMPLE_RECEIPT") is { Length: > 0 } path)
            System.IO.File.WriteAllText(path, html);

        foreach (var body in new[] { html, text })
        {
            Assert.Contains("Kính gửi: ", body);
            Assert.Contains("Xã Ngọc Chúc (Cụm 2)", body);
            Assert.Contains("đã nhận được 2 thư, gồm 5 tệp minh chứng", body);
            Assert.Contains("1.1 – Học tập, quán triệt Nghị quyết, chỉ thị của Đảng, Đoàn", body);
            Assert.Contains("Xã Ngọc Thuận", body);
            Assert.Contains("Tiêu chí 1.3/Xã Bàn Thạch/anh ky niem 26-3.jpg", body);
            Assert.Contains("chưa xác định được: tên tệp và thư mục không có mã tiêu chí", body);
            Assert.Contains("chưa xác định được: tệp chưa được tính cho đơn vị nào", body); // the photo: a unit-scope criterion needs a unit
            Assert.DoesNotContain("tính chung cho cả cụm", body);
            Assert.Contains("6 tháng đầu năm 2024", body);
            Assert.Contains("đúng hạn", body);
            Assert.Contains("Chưa đơn vị nào gửi minh chứng (14 tiêu chí)", body); // e.g. 1.2
            Assert.Contains("cả cụm (tiêu chí chung của cụm)", body); // 4.5 needs no unit
            Assert.Contains("TC 1.1 - Kế hoạch.pdf", body);
        }
        Assert.DoesNotContain("<table", html);
        Assert.Contains("width=device-width", html);
    }

    [Fact]
    public void Coverage_counts_a_cluster_scope_criterion_once_and_unit_criteria_per_unit()
    {
        var (model, _, _) = Sample();
        var section = Assert.Single(model.Missing);
        // Points, as the report weighs them: doan's unit criteria × 6 units + cluster criterion 4.5;
        // covered 1.1/chuc, 2.1/thuan, 1.3/ban-thach, 4.5.
        var doan = SampleCampaign.Load().Criteria.Where(c => c.Track == "doan").ToList();
        double Points(string code) => doan.Single(c => c.Code == code).Points;
        var required = doan.Where(c => c.Scope == "Unit").Sum(c => c.Points) * 6 + doan.Where(c => c.Scope == "Cluster").Sum(c => c.Points);
        Assert.Equal((Points("1.1") + Points("2.1") + Points("1.3") + Points("4.5"), required), (section.Covered, section.Required));
        Assert.DoesNotContain(section.Criteria, c => c.Code == "4.5");
        Assert.Contains(section.Criteria, c => c.Code == "1.1" && !c.Lacking.Contains("Xã Ngọc Chúc") && c.Lacking.Contains("Xã Ngọc Thuận"));
    }

    // The office's templates in config/templates, as the worker renders them.
    private static RenderedEmail Render(ReceiptModel model) =>
        EmailTemplates.Load(Path.Combine(RepositoryRoot.Config, "templates")).Render("receipt", model);

    [Fact]
    public void Markup_in_names_is_escaped_and_Vietnamese_letters_are_left_as_they_are()
    {
        var (model, _, _) = Sample();
        var hostile = model with
        {
            Messages = [model.Messages[0] with { Subject = "Kế hoạch <b> & \"x\"", Files = [model.Messages[0].Files[0] with { Name = "<script>alert(1)</script>.pdf" }] }],
        };
        var rendered = Render(hostile);
        Assert.Contains("Kế hoạch &lt;b&gt; &amp; &quot;x&quot;", rendered.Html);
        Assert.DoesNotContain("<script>", rendered.Html);
        Assert.Contains("&lt;script&gt;", rendered.Html);
        Assert.Contains("Thư “Kế hoạch <b> & \"x\"”", rendered.Text); // plain text is not HTML-encoded
    }

    [Fact]
    public void Late_submissions_say_so_with_the_deadline_in_local_time()
    {
        var campaign = SampleCampaign.Load();
        var late = new SubmissionRecord(3, "<c@x>", new DateTime(2024, 6, 12, 3, 0, 0, DateTimeKind.Utc), Submissions.ThanhBinh, null, null,
            "Gửi bổ sung", MessageStatus.Accepted, null, null, "cum-1", "xa-thanh-binh", "doan", "2024-6t", true, []);
        var model = new ReceiptModelBuilder(new CoverageMissingEvidence()).Build(new CampaignDirectory(campaign), Submissions.ThanhBinh, [late], [late]);
        var message = Assert.Single(model.Messages);
        Assert.Equal("nộp trễ hạn (hạn chót 00:00 ngày 10/06/2024)", message.Timeliness);
        Assert.Equal("10:00 ngày 12/06/2024", message.ReceivedAt);
    }
}
