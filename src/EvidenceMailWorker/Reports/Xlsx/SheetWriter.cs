using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace EvidenceMailWorker.Reports.Xlsx;

// Streams one worksheet's XML to a scratch file as plain text: the 100,000-row evidence sheet never
// exists as objects, and a cell costs a few buffered writes (an XmlWriter's namespace bookkeeping
// per element took most of the workbook's time). The small structural elements come from the
// OpenXml SDK's own classes, in the order the schema demands: sheetPr, sheetViews, cols,
// sheetData, pageMargins, pageSetup, drawing.
public sealed class SheetWriter : IDisposable
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private readonly StreamWriter _xml;
    private readonly SheetLayout _layout;
    private readonly string? _drawingId;
    private readonly Action _closed;
    private uint _row;
    private bool _done;

    internal SheetWriter(Stream output, SheetLayout layout, string? drawingId, Action closed)
    {
        _layout = layout;
        _drawingId = drawingId;
        _closed = closed;
        _xml = new StreamWriter(output, new UTF8Encoding(false), 1 << 16);
        _xml.Write($"<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?><worksheet xmlns=\"{Main}\" xmlns:r=\"{Relationships}\">");
        if (layout.LandscapeFitToWidth)
            Raw(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        Raw(new SheetViews(View(layout)));
        if (layout.ColumnWidths.Count > 0)
            Raw(new Columns(layout.ColumnWidths.Select((w, i) =>
                new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })));
        _xml.Write("<sheetData>");
    }

    public uint RowIndex => _row;

    public void Row(params XCell[] cells) => Row((IReadOnlyList<XCell>)cells);

    public void Row(IReadOnlyList<XCell> cells)
    {
        _row++;
        var row = _row.ToString(CultureInfo.InvariantCulture);
        _xml.Write("<row r=\"");
        _xml.Write(row);
        _xml.Write("\">");
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            _xml.Write("<c r=\"");
            _xml.Write(ColumnName(i));
            _xml.Write(row);
            if (cell.Style != 0)
            {
                _xml.Write("\" s=\"");
                _xml.Write(cell.Style.ToString(CultureInfo.InvariantCulture));
            }
            switch (cell.Kind)
            {
                case XCellKind.Text:
                    _xml.Write("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
                    WriteEscaped(cell.Text!);
                    _xml.Write("</t></is></c>");
                    break;
                case XCellKind.Number:
                case XCellKind.Date:
                    _xml.Write("\"><v>");
                    _xml.Write(cell.Number.ToString("R", CultureInfo.InvariantCulture));
                    _xml.Write("</v></c>");
                    break;
                default:
                    _xml.Write("\"/>");
                    break;
            }
        }
        _xml.Write("</row>");
    }

    public void BlankRow() => Row([]);

    public void Dispose()
    {
        if (_done)
            return;
        _done = true;
        _xml.Write("</sheetData>");
        Raw(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        if (_layout.LandscapeFitToWidth)
            // A4 (paper size 9), landscape, one page wide and as many tall as it takes.
            Raw(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        if (_drawingId is not null)
            Raw(new Drawing { Id = _drawingId });
        _xml.Write("</worksheet>");
        _xml.Dispose();
        _closed();
    }

    public static string Reference(int column, uint row) => ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    private static readonly string[] FirstColumns = Enumerable.Range(0, 64).Select(Name).ToArray();

    public static string ColumnName(int column) => column < FirstColumns.Length ? FirstColumns[column] : Name(column);

    private static string Name(int column)
    {
        var name = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
            name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    // Element content needs &, < and > escaped. File names and subjects come from senders: a stray
    // control character would make the whole workbook unreadable, so what XML cannot hold is dropped.
    private void WriteEscaped(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ when !XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c) => "",
                _ => null,
            };
            if (replacement is null)
                continue;
            _xml.Write(text.AsSpan(start, i - start));
            _xml.Write(replacement);
            start = i + 1;
        }
        _xml.Write(text.AsSpan(start));
    }

    // The SDK's elements carry their own namespace declaration (x: prefix); that is valid SpreadsheetML.
    private void Raw(DocumentFormat.OpenXml.OpenXmlElement element) => _xml.Write(element.OuterXml);

    private static SheetView View(SheetLayout layout)
    {
        var view = new SheetView { WorkbookViewId = 0 };
        if (layout.FrozenRows == 0 && layout.FrozenColumns == 0)
            return view;
        var topLeft = Reference(layout.FrozenColumns, (uint)layout.FrozenRows + 1);
        var pane = new Pane
        {
            TopLeftCell = topLeft,
            State = PaneStateValues.Frozen,
            ActivePane = layout.FrozenRows > 0 && layout.FrozenColumns > 0 ? PaneValues.BottomRight
                : layout.FrozenRows > 0 ? PaneValues.BottomLeft : PaneValues.TopRight,
        };
        if (layout.FrozenColumns > 0)
            pane.HorizontalSplit = layout.FrozenColumns;
        if (layout.FrozenRows > 0)
            pane.VerticalSplit = layout.FrozenRows;
        view.Append(pane, new Selection { Pane = pane.ActivePane, ActiveCell = topLeft, SequenceOfReferences = new DocumentFormat.OpenXml.ListValue<DocumentFormat.OpenXml.StringValue> { InnerText = topLeft } });
        return view;
    }
}
