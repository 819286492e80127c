using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EvidenceMailWorker.Reports;
using EvidenceMailWorker.Reports.Xlsx;

namespace EvidenceMailWorker.Tests.Reports;

// The workbook written, then opened again with the same library and read cell by cell.
public sealed class ReportWorkbookTests
{
    private static (Report Report, MemoryStream Xlsx) Write(bool withCharts = true)
    {
        var campaign = ReportCampaign.Create();
        var report = ReportBuilder.Build(campaign, ReportCampaign.Records(campaign), new ReportScope("p1"), ReportCampaign.GeneratedAt);
        var charts = withCharts ? report.Tracks.ToDictionary(t => t.Track.Id, t => ReportChart.Png(report, t)) : null;
        var xlsx = new MemoryStream();
        ReportWorkbook.Write(xlsx, report, campaign, charts);
        xlsx.Position = 0;
        return (report, xlsx);
    }

    private static WorksheetPart Sheet(SpreadsheetDocument doc, string name)
    {
        var sheet = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return (WorksheetPart)doc.WorkbookPart.GetPartById(sheet.Id!);
    }

    private static Cell Cell(WorksheetPart part, string reference) =>
        part.Worksheet.Descendants<Cell>().Single(c => c.CellReference == reference);

    private static string Text(Cell cell) => cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "";

    private static string? Fill(SpreadsheetDocument doc, Cell cell)
    {
        var styles = doc.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var xf = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));
        var fill = styles.Fills!.Elements<Fill>().ElementAt((int)xf.FillId!.Value);
        return fill.PatternFill?.ForegroundColor?.Rgb?.Value;
    }

    private static string? NumberFormat(SpreadsheetDocument doc, Cell cell)
    {
        var styles = doc.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var xf = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));
        return styles.NumberingFormats!.Elements<NumberingFormat>().FirstOrDefault(f => f.NumberFormatId!.Value == xf.NumberFormatId!.Value)?.FormatCode?.Value;
    }

    [Fact]
    public void Sheets_are_named_within_Excels_rules()
    {
        var (_, xlsx) = Write(withCharts: false);
        using var doc = SpreadsheetDocument.Open(xlsx, false);
        var names = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();
        Assert.Equal(["Xếp hạng doan", "Xếp hạng hoi", "Cụm 1", "Cụm 2", "Cụm 3", "Cụm 4", "Cụm 5", "Cụm 6", "Cụm 7", "Cụm 8", "Minh chứng"], names);
        Assert.All(names, n => Assert.True(n.Length <= 31 && n.IndexOfAny(['[', ']', ':', '*', '?', '/', '\\']) < 0, n));
    }

    [Fact]
    public void Sheet_names_are_cut_cleaned_and_made_unique()
    {
        var names = new EvidenceMailWorker.Reports.Xlsx.SheetNames();
        Assert.Equal("Cụm 1- Thạnh Hòa -Giồng Riềng-", names.Claim("Cụm 1: Thạnh Hòa [Giồng Riềng]"));
        var longName = new string('x', 40);
        Assert.Equal(new string('x', 31), names.Claim(longName));
        Assert.Equal(new string('x', 27) + " (2)", names.Claim(longName));
        // Unique regardless of case, as Excel compares them.
        Assert.Equal("cụm 1- thạnh hòa -giồng riề (2)", names.Claim("cụm 1: thạnh hòa [giồng riềng]"));
    }

    [Fact]
    public void Summary_sheet_holds_numbers_the_proposal_the_rule_and_the_chart()
    {
        var (report, xlsx) = Write();
        using var doc = SpreadsheetDocument.Open(xlsx, false);
        var summary = Sheet(doc, "Xếp hạng doan");
        Assert.Equal("Hạng", Text(Cell(summary, "A5")));
        Assert.Equal("Điểm", Text(Cell(summary, "D5")));
        // Row 6 = rank 1 = c1: score and shares are numbers, shares shown as percentages.
        Assert.Equal("1", Text(Cell(summary, "A6")));
        Assert.Equal("Cụm 1", Text(Cell(summary, "B6")));
        Assert.Null(Cell(summary, "D6").DataType);
        Assert.Equal(100.0, double.Parse(Text(Cell(summary, "D6")), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("0.0%", NumberFormat(doc, Cell(summary, "E6")));
        // c3 (row 8): 0.9 coverage as a number.
        Assert.Equal(0.9, double.Parse(Text(Cell(summary, "E8")), System.Globalization.CultureInfo.InvariantCulture), 12);
        // First arrival is a real date in the campaign's zone: 05/06/2024 08:00.
        var first = Cell(summary, "K6");
        Assert.Equal("dd/mm/yyyy hh:mm", NumberFormat(doc, first));
        Assert.Equal(new DateTime(2024, 6, 5, 8, 0, 0), DateTime.FromOADate(double.Parse(Text(first), System.Globalization.CultureInfo.InvariantCulture)));
        var texts = summary.Worksheet.Descendants<Cell>().Select(Text).ToList();
        Assert.Contains(ProposalRule.Caption, texts);
        Assert.Contains("Cụm dẫn đầu", texts);
        Assert.Contains("Cụm trưởng xuất sắc", texts);
        Assert.Contains("Xã Thạnh Hòa 1 (Cụm 1)", texts); // the leader award's winner
        Assert.Contains("1000000", texts);
        Assert.Contains(texts, t => t.StartsWith("Điểm = 100 × (0.8 × Bao phủ + 0.2 × Kịp thời)", StringComparison.Ordinal));
        // Header style, frozen header block, A4 landscape fit to one page wide, chart embedded.
        Assert.Equal(XlsxStyles.HeaderFill, Fill(doc, Cell(summary, "A5")));
        var pane = summary.Worksheet.Descendants<Pane>().Single();
        Assert.Equal((PaneStateValues.Frozen, 5.0, 2.0), (pane.State!.Value, pane.VerticalSplit!.Value, pane.HorizontalSplit!.Value));
        var setup = summary.Worksheet.Descendants<PageSetup>().Single();
        Assert.Equal((OrientationValues.Landscape, 9u, 1u, 0u), (setup.Orientation!.Value, setup.PaperSize!.Value, setup.FitToWidth!.Value, setup.FitToHeight!.Value));
        var image = Assert.Single(summary.DrawingsPart!.ImageParts);
        using var png = image.GetStream();
        var signature = new byte[8];
        png.ReadExactly(signature);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, signature);
    }

    [Fact]
    public void Cluster_sheet_is_a_units_by_criteria_matrix_with_counts_and_highlighted_gaps()
    {
        var (_, xlsx) = Write(withCharts: false);
        using var doc = SpreadsheetDocument.Open(xlsx, false);
        var c3 = Sheet(doc, "Cụm 3");
        // Columns: unit, then doan A, B, C, then hoi A, H. The shared code A shows its track.
        Assert.Equal(["Cụm 3", "A (doan)", "B", "C", "A (hoi)", "H"],
            new[] { "A1", "B1", "C1", "D1", "E1", "F1" }.Select(r => Text(Cell(c3, r))));
        Assert.Equal("Xã Thạnh Hòa 5", Text(Cell(c3, "A2")));
        Assert.Equal("✓ 1", Text(Cell(c3, "B2")));
        Assert.Equal(XlsxStyles.CoveredFill, Fill(doc, Cell(c3, "B2")));
        Assert.Equal("✓ 1", Text(Cell(c3, "E2"))); // hoi's A for u5
        Assert.Equal("", Text(Cell(c3, "E3"))); // u6 lacks hoi's A
        Assert.Equal(XlsxStyles.MissingFill, Fill(doc, Cell(c3, "E3")));
        // Row 4: the cluster-scope criteria in their own row; C missing, H covered.
        Assert.Equal(ClusterSheet.ClusterRowLabel, Text(Cell(c3, "A4")));
        Assert.Equal(XlsxStyles.MissingFill, Fill(doc, Cell(c3, "D4")));
        Assert.Equal("✓ 1", Text(Cell(c3, "F4")));
        Assert.Equal(XlsxStyles.NotApplicableFill, Fill(doc, Cell(c3, "B4")));
        Assert.Equal(XlsxStyles.NotApplicableFill, Fill(doc, Cell(c3, "D2")));
        var pane = c3.Worksheet.Descendants<Pane>().Single();
        Assert.Equal(("B2", 1.0, 1.0), (pane.TopLeftCell!.Value!, pane.VerticalSplit!.Value, pane.HorizontalSplit!.Value));
        // The first column is wide enough for the longest label.
        var width = c3.Worksheet.Descendants<Column>().First().Width!.Value;
        Assert.True(width >= ClusterSheet.ClusterRowLabel.Length, $"width {width}");
        Assert.Equal(OrientationValues.Landscape, c3.Worksheet.Descendants<PageSetup>().Single().Orientation!.Value);
        Assert.True(c3.Worksheet.Descendants<PageSetupProperties>().Single().FitToPage!.Value);
        // c6's unit u12 sent the shared code A without a track: it names nothing, the cell stays red.
        Assert.Equal(XlsxStyles.MissingFill, Fill(doc, Cell(Sheet(doc, "Cụm 6"), "B3")));
    }

    [Fact]
    public void Evidence_sheet_lists_every_item_with_real_dates_and_numbers()
    {
        var (report, xlsx) = Write(withCharts: false);
        using var doc = SpreadsheetDocument.Open(xlsx, false);
        var evidence = Sheet(doc, ReportWorkbook.EvidenceSheet);
        var rows = evidence.Worksheet.Descendants<Row>().ToList();
        Assert.Equal(1 + report.Evidence.Count, rows.Count);
        Assert.Equal(EvidenceSheetWriter.Headers, rows[0].Elements<Cell>().Select(Text));
        var first = rows[1].Elements<Cell>().ToList();
        Assert.Equal("dd/mm/yyyy hh:mm", NumberFormat(doc, first[0]));
        Assert.Equal(new DateTime(2024, 6, 5, 8, 0, 0), DateTime.FromOADate(double.Parse(Text(first[0]), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("u1@example.org", Text(first[1]));
        Assert.Equal("Cụm 1", Text(first[3]));
        Assert.Equal("A (doan)", Text(first[7]));
        Assert.Null(first[10].DataType); // size is a number
        Assert.Equal("100", Text(first[10]));
        Assert.Equal("<m1@example.org>", Text(first[12]));
        Assert.Equal(1, evidence.Worksheet.Descendants<Pane>().Single().VerticalSplit!.Value);
        // p1's late submissions are marked.
        Assert.Contains(rows.Skip(1), r => Text(r.Elements<Cell>().ElementAt(13)) == "trễ");
    }

    [Fact]
    public void Markup_and_control_characters_in_sender_supplied_names_do_not_break_the_workbook()
    {
        var campaign = ReportCampaign.Create();
        var record = ReportCampaign.Records(campaign)[0];
        var odd = record with { Attachments = [record.Attachments[0] with { FileName = "Báo cáo <1> & \u0001kết quả.pdf" }] };
        var report = ReportBuilder.Build(campaign, [odd], new ReportScope("p1"), ReportCampaign.GeneratedAt);
        using var xlsx = new MemoryStream();
        ReportWorkbook.Write(xlsx, report, campaign);
        xlsx.Position = 0;
        using var doc = SpreadsheetDocument.Open(xlsx, false);
        var row = Sheet(doc, ReportWorkbook.EvidenceSheet).Worksheet.Descendants<Row>().ElementAt(1);
        Assert.Equal("Báo cáo <1> & kết quả.pdf", Text(row.Elements<Cell>().ElementAt(8)));
    }
}
