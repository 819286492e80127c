using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace EvidenceMailWorker.Reports.Xlsx;

// The workbook's few cell styles, by index into cellXfs. One stylesheet for every workbook the
// product writes (report and export index), so they look alike.
public static class XlsxStyles
{
    public const uint Default = 0;
    public const uint Header = 1;
    public const uint Text = 2;
    public const uint Percent = 3;
    public const uint DateTime = 4;
    public const uint Integer = 5;
    public const uint Score = 6;
    public const uint Missing = 7;
    public const uint Covered = 8;
    public const uint Title = 9;
    public const uint Note = 10;
    public const uint Bold = 11;
    public const uint NotApplicable = 12;

    // Fill colours, also read back by tests.
    public const string HeaderFill = "FFD9E1F2";
    public const string MissingFill = "FFFFC7CE";
    public const string CoveredFill = "FFC6EFCE";
    public const string NotApplicableFill = "FFF2F2F2";

    public static Stylesheet Create()
    {
        var fonts = new Fonts(
            Font(bold: false, italic: false, size: 11),
            Font(bold: true, italic: false, size: 11),
            Font(bold: true, italic: false, size: 14),
            Font(bold: false, italic: true, size: 10));
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            Solid(HeaderFill),
            Solid(MissingFill),
            Solid(CoveredFill),
            Solid(NotApplicableFill));
        var thin = new BorderPropertiesType[] { new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder() };
        foreach (var side in thin)
        {
            side.Style = BorderStyleValues.Thin;
            side.Color = new Color { Rgb = "FFBFBFBF" };
        }
        var borders = new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(thin[0], thin[1], thin[2], thin[3], new DiagonalBorder()));
        var formats = new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0%" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "dd/mm/yyyy hh:mm" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = "#,##0" },
            new NumberingFormat { NumberFormatId = 167, FormatCode = "0.0" });
        var xfs = new CellFormats(
            Xf(0, 0, 0, 0),
            Xf(0, 1, 2, 1, wrap: true, center: true),
            Xf(0, 0, 0, 1),
            Xf(164, 0, 0, 1),
            Xf(165, 0, 0, 1),
            Xf(166, 0, 0, 1),
            Xf(167, 1, 0, 1),
            Xf(0, 0, 3, 1),
            Xf(0, 0, 4, 1, center: true),
            Xf(0, 2, 0, 0),
            Xf(0, 3, 0, 0),
            Xf(0, 1, 0, 0),
            Xf(0, 0, 5, 1));
        return new Stylesheet(formats, fonts, fills, borders,
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }),
            xfs,
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }));
    }

    private static Font Font(bool bold, bool italic, double size)
    {
        var font = new Font();
        if (bold)
            font.Append(new Bold());
        if (italic)
            font.Append(new Italic());
        font.Append(new FontSize { Val = size }, new FontName { Val = "Calibri" });
        return font;
    }

    private static Fill Solid(string argb) =>
        new(new PatternFill(new ForegroundColor { Rgb = argb }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid });

    private static CellFormat Xf(uint numFmt, uint font, uint fill, uint border, bool wrap = false, bool center = false)
    {
        var xf = new CellFormat
        {
            NumberFormatId = numFmt,
            FontId = font,
            FillId = fill,
            BorderId = border,
            FormatId = 0,
            ApplyNumberFormat = numFmt != 0,
            ApplyFont = font != 0,
            ApplyFill = fill != 0,
            ApplyBorder = border != 0,
        };
        if (wrap || center)
        {
            xf.ApplyAlignment = true;
            xf.Append(new Alignment
            {
                WrapText = wrap ? true : null,
                Horizontal = center ? HorizontalAlignmentValues.Center : null,
                Vertical = VerticalAlignmentValues.Center,
            });
        }
        return xf;
    }
}
