using ScottPlot;

namespace EvidenceMailWorker.Reports;

// The chart of one track: coverage and timeliness per cluster, clusters in rank order, the period
// in the title. Rendered to PNG bytes so the same image goes to a file and into the workbook.
public static class ReportChart
{
    public const int Height = 480;

    public static int Width(TrackReport track) => Math.Max(900, 70 * track.Clusters.Count + 160);

    public static byte[] Png(Report report, TrackReport track)
    {
        ChartFont.EnsureRegistered();
        var plot = new Plot();
        plot.Font.Set(ChartFont.Family);
        var coverageColor = new Color(46, 117, 182);
        var timelinessColor = new Color(237, 125, 49);
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (var i = 0; i < track.Clusters.Count; i++)
        {
            var c = track.Clusters[i];
            bars.Add(Bar(3 * i, c.CoverageShare, coverageColor));
            bars.Add(Bar(3 * i + 1, c.TimelinessShare, timelinessColor));
            ticks.Add(new Tick(3 * i + 0.5, $"{c.Rank}. {c.Cluster.Name}"));
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontName = ChartFont.Family;
        barPlot.ValueLabelStyle.FontSize = 11;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Bottom.TickLabelStyle.FontName = ChartFont.Family;
        if (track.Clusters.Count > 8)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            plot.Axes.Bottom.MinimumSize = 110;
        }
        plot.Axes.SetLimitsY(0, 115);
        plot.Axes.Left.Label.Text = "%";
        plot.Axes.Left.Label.FontName = ChartFont.Family;
        plot.Title($"{track.Track.Name} — {report.Title}");
        plot.Axes.Title.Label.FontName = ChartFont.Family;
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Bao phủ", FillColor = coverageColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "Kịp thời (đúng hạn)", FillColor = timelinessColor });
        plot.Legend.FontName = ChartFont.Family;
        plot.Legend.Alignment = Alignment.UpperRight;
        plot.ShowLegend();
        return plot.GetImage(Width(track), Height).GetImageBytes(ImageFormat.Png);
    }

    private static Bar Bar(double position, double share, Color color) => new()
    {
        Position = position,
        Value = 100 * share,
        FillColor = color,
        Label = (100 * share).ToString("0", System.Globalization.CultureInfo.InvariantCulture),
        CenterLabel = false,
    };
}
