namespace EvidenceMailWorker.Reports.Xlsx;

// How a sheet is laid out and printed. Widths are in Excel character units, per column from A.
public sealed record SheetLayout(
    IReadOnlyList<double> ColumnWidths,
    int FrozenRows = 0,
    int FrozenColumns = 0,
    bool LandscapeFitToWidth = true);
