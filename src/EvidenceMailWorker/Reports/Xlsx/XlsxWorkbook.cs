using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using A = DocumentFormat.OpenXml.Drawing;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace EvidenceMailWorker.Reports.Xlsx;

// A workbook built with the OpenXml SDK (parts, relationships, content types, styles, drawings),
// whose worksheet contents are streamed to scratch files and spliced in at the end. On .NET the
// SDK's package keeps every part in memory until it is saved (dotnet/Open-XML-SDK#807), which for
// a 100,000-row sheet means hundreds of MB; here the package holds only placeholders, and the
// final zip is copied entry by entry with the real sheets streamed in. One sheet is open at a time.
public sealed class XlsxWorkbook : IDisposable
{
    private readonly Stream _output;
    private readonly MemoryStream _skeleton = new();
    private readonly SpreadsheetDocument _document;
    private readonly WorkbookPart _workbookPart;
    private readonly Sheets _sheets;
    private readonly SheetNames _names = new();
    private readonly Dictionary<string, string> _sheetFiles = [];
    private uint _nextSheetId = 1;
    private bool _sheetOpen;

    public XlsxWorkbook(Stream output)
    {
        _output = output;
        _document = SpreadsheetDocument.Create(_skeleton, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook);
        _workbookPart = _document.AddWorkbookPart();
        _sheets = new Sheets();
        _workbookPart.Workbook = new Workbook(_sheets);
        var styles = _workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = XlsxStyles.Create();
    }

    public SheetWriter Add(string wantedName, SheetLayout layout, SheetImage? image = null)
    {
        if (_sheetOpen)
            throw new InvalidOperationException("close the previous sheet first");
        var part = _workbookPart.AddNewPart<WorksheetPart>();
        part.Worksheet = new Worksheet(new SheetData());
        string? drawingId = null;
        if (image is not null)
        {
            var drawings = part.AddNewPart<DrawingsPart>();
            drawingId = part.GetIdOfPart(drawings);
            Embed(drawings, image);
        }
        _sheets.Append(new Sheet { Id = _workbookPart.GetIdOfPart(part), SheetId = _nextSheetId++, Name = _names.Claim(wantedName) });
        var file = Path.GetTempFileName();
        _sheetFiles[part.Uri.OriginalString.TrimStart('/')] = file;
        _sheetOpen = true;
        return new SheetWriter(new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16), layout, drawingId, () => _sheetOpen = false);
    }

    public void Dispose()
    {
        try
        {
            _workbookPart.Workbook.Save();
            _document.Dispose();
            _skeleton.Position = 0;
            using var skeleton = new ZipArchive(_skeleton, ZipArchiveMode.Read);
            using var output = new ZipArchive(_output, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var entry in skeleton.Entries)
            {
                var target = output.CreateEntry(entry.FullName, CompressionLevel.Fastest);
                using var to = target.Open();
                using var from = _sheetFiles.TryGetValue(entry.FullName, out var file) ? File.OpenRead(file) : entry.Open();
                from.CopyTo(to);
            }
        }
        finally
        {
            foreach (var file in _sheetFiles.Values)
                File.Delete(file);
        }
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
