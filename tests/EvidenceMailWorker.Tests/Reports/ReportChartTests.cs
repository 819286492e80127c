using EvidenceMailWorker.Reports;

namespace EvidenceMailWorker.Tests.Reports;

public sealed class ReportChartTests
{
    [Fact]
    public void The_bundled_font_is_registered_and_has_every_Vietnamese_glyph_the_chart_uses()
    {
        ChartFont.EnsureRegistered();
        Assert.True(File.Exists(Path.Combine(ChartFont.Folder, "DejaVuSans.ttf")));
        Assert.True(File.Exists(Path.Combine(ChartFont.Folder, "LICENSE-DejaVu.txt")));
        var typeface = ScottPlot.Fonts.GetTypeface(ChartFont.Family, bold: false, italic: false);
        Assert.Equal(ChartFont.Family, typeface.FamilyName);
        // Precomposed Vietnamese letters, both cases, every tone on every vowel family.
        const string Vietnamese = "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
            + "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ—";
        Assert.True(typeface.ContainsGlyphs(Vietnamese));
    }

    [Fact]
    public void A_chart_is_a_png_of_the_announced_size_per_track()
    {
        var campaign = ReportCampaign.Create();
        var report = ReportBuilder.Build(campaign, ReportCampaign.Records(campaign), new ReportScope("p1"), ReportCampaign.GeneratedAt);
        foreach (var track in report.Tracks)
        {
            var png = ReportChart.Png(report, track);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
            // IHDR: width and height, big-endian, at bytes 16 and 20.
            Assert.Equal(ReportChart.Width(track), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
            Assert.Equal(ReportChart.Height, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        }
    }
}
