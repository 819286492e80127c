using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace EvidenceMailWorker.Reports.Xlsx;

// Streams one worksheet's XML to a scratch file with a plain XmlWriter: the 100,000-row evidence
// sheet never exists as objects, and a cell costs a few string writes. The small structural
// elements come from the OpenXml SDK's own classes, in the order the schema demands: sheetPr,
// sheetViews, cols, sheetData, pageMargins, pageSetup, drawing.
public sealed class SheetWriter : IDisposable
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private readonly XmlWriter _xml;
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
        _xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), CloseOutput = true });
        _xml.WriteStartDocument(standalone: true);
        _xml.WriteStartElement("worksheet", Main);
        _xml.WriteAttributeString("xmlns", "r", null, Relationships);
        if (layout.LandscapeFitToWidth)
            Raw(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        Raw(new SheetViews(View(layout)));
        if (layout.ColumnWidths.Count > 0)
            Raw(new Columns(layout.ColumnWidths.Select((w, i) =>
                new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })));
        _xml.WriteStartElement("sheetData", Main);
    }

    public uint RowIndex => _row;

    public void Row(params XCell[] cells) => Row((IReadOnlyList<XCell>)cells);

    public void Row(IReadOnlyList<XCell> cells)
    {
        _row++;
        var row = _row.ToString(CultureInfo.InvariantCulture);
        _xml.WriteStartElement("row", Main);
        _xml.WriteAttributeString("r", row);
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            _xml.WriteStartElement("c", Main);
            _xml.WriteAttributeString("r", ColumnName(i) + row);
            if (cell.Style != 0)
                _xml.WriteAttributeString("s", cell.Style.ToString(CultureInfo.InvariantCulture));
            switch (cell.Kind)
            {
                case XCellKind.Text:
                    _xml.WriteAttributeString("t", "inlineStr");
                    _xml.WriteStartElement("is", Main);
                    _xml.WriteStartElement("t", Main);
                    _xml.WriteAttributeString("xml", "space", null, "preserve");
                    _xml.WriteString(XmlSafe(cell.Text!));
                    _xml.WriteEndElement();
                    _xml.WriteEndElement();
                    break;
                case XCellKind.Number:
                case XCellKind.Date:
                    _xml.WriteElementString("v", Main, cell.Number.ToString("R", CultureInfo.InvariantCulture));
                    break;
            }
            _xml.WriteEndElement();
        }
        _xml.WriteEndElement();
    }

    public void BlankRow() => Row([]);

    public void Dispose()
    {
        if (_done)
            return;
        _done = true;
        _xml.WriteEndElement(); // sheetData
        Raw(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        if (_layout.LandscapeFitToWidth)
            // A4 (paper size 9), landscape, one page wide and as many tall as it takes.
            Raw(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        if (_drawingId is not null)
            Raw(new Drawing { Id = _drawingId });
        _xml.WriteEndElement(); // worksheet
        _xml.WriteEndDocument();
        _xml.Dispose();
        _closed();
    }

    public static string Reference(int column, uint row) => ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    public static string ColumnName(int column)
    {
        var name = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
            name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    // File names and subjects come from senders: a stray control character would make the whole
    // workbook unreadable, so characters XML cannot hold are dropped.
    private static string XmlSafe(string text)
    {
        foreach (var c in text)
            if (!XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c))
                return new string(text.Where(ch => XmlConvert.IsXmlChar(ch) || char.IsSurrogate(ch)).ToArray());
        return text;
    }

    private void Raw(DocumentFormat.OpenXml.OpenXmlElement element) => _xml.WriteRaw(element.OuterXml);

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
