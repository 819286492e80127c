using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace EvidenceMailWorker.Reports.Xlsx;

// Streams one worksheet with OpenXmlWriter (SAX), so the 100,000-row evidence sheet never exists
// as a DOM. Elements are written in the order the schema demands: sheetPr, sheetViews, cols,
// sheetData, pageMargins, pageSetup, drawing.
public sealed class SheetWriter : IDisposable
{
    private readonly OpenXmlWriter _writer;
    private readonly SheetLayout _layout;
    private readonly string? _drawingId;
    private uint _row;
    private bool _closed;

    internal SheetWriter(WorksheetPart part, SheetLayout layout, string? drawingId)
    {
        _layout = layout;
        _drawingId = drawingId;
        _writer = OpenXmlWriter.Create(part);
        _writer.WriteStartElement(new Worksheet());
        if (layout.LandscapeFitToWidth)
            _writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        _writer.WriteElement(new SheetViews(View(layout)));
        if (layout.ColumnWidths.Count > 0)
            _writer.WriteElement(new Columns(layout.ColumnWidths.Select((w, i) =>
                new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })));
        _writer.WriteStartElement(new SheetData());
    }

    public uint RowIndex => _row;

    public void Row(params XCell[] cells) => Row((IReadOnlyList<XCell>)cells);

    public void Row(IReadOnlyList<XCell> cells)
    {
        _row++;
        _writer.WriteStartElement(new Row { RowIndex = _row });
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            var element = new Cell { CellReference = Reference(i, _row), StyleIndex = cell.Style == 0 ? null : cell.Style };
            switch (cell.Kind)
            {
                case XCellKind.Text:
                    element.DataType = CellValues.InlineString;
                    element.InlineString = new InlineString(new Text(cell.Text!) { Space = SpaceProcessingModeValues.Preserve });
                    break;
                case XCellKind.Number:
                case XCellKind.Date:
                    element.CellValue = new CellValue(cell.Number);
                    break;
            }
            _writer.WriteElement(element);
        }
        _writer.WriteEndElement();
    }

    public void BlankRow() => Row([]);

    public void Close()
    {
        if (_closed)
            return;
        _closed = true;
        _writer.WriteEndElement(); // sheetData
        _writer.WriteElement(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        if (_layout.LandscapeFitToWidth)
            // A4 (paper size 9), landscape, one page wide and as many tall as it takes.
            _writer.WriteElement(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        if (_drawingId is not null)
            _writer.WriteElement(new Drawing { Id = _drawingId });
        _writer.WriteEndElement(); // worksheet
        _writer.Close();
    }

    public void Dispose()
    {
        Close();
        _writer.Dispose();
    }

    public static string Reference(int column, uint row) => ColumnName(column) + row.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string ColumnName(int column)
    {
        var name = "";
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
            name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

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
        view.Append(pane, new Selection { Pane = pane.ActivePane, ActiveCell = topLeft, SequenceOfReferences = new ListValue<StringValue> { InnerText = topLeft } });
        return view;
    }
}
