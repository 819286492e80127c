namespace EvidenceMailWorker.Reports;

// ScottPlot's SkiaSharp build cannot see system fonts (no fontconfig), and a slim Docker image has
// none: the chart uses the DejaVu Sans files shipped beside the executable (Assets/Fonts, Bitstream
// Vera licence, full Vietnamese coverage), registered once per process.
public static class ChartFont
{
    public const string Family = "DejaVu Sans";
    private static readonly Lock Gate = new();
    private static bool _registered;

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Assets", "Fonts");

    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (_registered)
                return;
            ScottPlot.Fonts.AddFontFile(Family, Path.Combine(Folder, "DejaVuSans.ttf"), bold: false, italic: false);
            ScottPlot.Fonts.AddFontFile(Family, Path.Combine(Folder, "DejaVuSans-Bold.ttf"), bold: true, italic: false);
            _registered = true;
        }
    }
}
