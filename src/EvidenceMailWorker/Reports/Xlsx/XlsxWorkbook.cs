using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using A = DocumentFormat.OpenXml.Drawing;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace EvidenceMailWorker.Reports.Xlsx;

// A workbook written sheet by sheet onto a stream, with the shared styles. Sheets are streamed,
// so only one is open at a time: Add returns a writer that must be closed before the next Add.
public sealed class XlsxWorkbook : IDisposable
{
    private readonly SpreadsheetDocument _document;
    private readonly WorkbookPart _workbookPart;
    private readonly Sheets _sheets;
    private readonly SheetNames _names = new();
    private uint _nextSheetId = 1;

    public XlsxWorkbook(Stream output)
    {
        _document = SpreadsheetDocument.Create(output, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook);
        _workbookPart = _document.AddWorkbookPart();
        _sheets = new Sheets();
        _workbookPart.Workbook = new Workbook(_sheets);
        var styles = _workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = XlsxStyles.Create();
    }

    // image: a PNG placed with its top-left corner at (imageColumn, imageRow), zero-based.
    public SheetWriter Add(string wantedName, SheetLayout layout, SheetImage? image = null)
    {
        var part = _workbookPart.AddNewPart<WorksheetPart>();
        string? drawingId = null;
        if (image is not null)
        {
            var drawings = part.AddNewPart<DrawingsPart>();
            drawingId = part.GetIdOfPart(drawings);
            Embed(drawings, image);
        }
        var name = _names.Claim(wantedName);
        _sheets.Append(new Sheet { Id = _workbookPart.GetIdOfPart(part), SheetId = _nextSheetId++, Name = name });
        return new SheetWriter(part, layout, drawingId);
    }

    public void Dispose()
    {
        _workbookPart.Workbook.Save();
        _document.Dispose();
    }

    private static void Embed(DrawingsPart drawings, SheetImage image)
    {
        var imagePart = drawings.AddImagePart(ImagePartType.Png);
        using (var png = new MemoryStream(image.Png, writable: false))
            imagePart.FeedData(png);
        const long EmuPerPixel = 9525;
        long cx = image.WidthPixels * EmuPerPixel, cy = image.HeightPixels * EmuPerPixel;
        var anchor = new Xdr.OneCellAnchor(
            new Xdr.FromMarker(
                new Xdr.ColumnId(image.Column.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Xdr.ColumnOffset("0"),
                new Xdr.RowId(image.Row.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Xdr.RowOffset("0")),
            new Xdr.Extent { Cx = cx, Cy = cy },
            new Xdr.Picture(
                new Xdr.NonVisualPictureProperties(
                    new Xdr.NonVisualDrawingProperties { Id = 2U, Name = image.Name },
                    new Xdr.NonVisualPictureDrawingProperties(new A.PictureLocks { NoChangeAspect = true })),
                new Xdr.BlipFill(
                    new A.Blip { Embed = drawings.GetIdOfPart(imagePart) },
                    new A.Stretch(new A.FillRectangle())),
                new Xdr.ShapeProperties(
                    new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                    new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })),
            new Xdr.ClientData());
        drawings.WorksheetDrawing = new Xdr.WorksheetDrawing(anchor);
        drawings.WorksheetDrawing.Save();
    }
}

public sealed record SheetImage(byte[] Png, int WidthPixels, int HeightPixels, int Column, int Row, string Name);
