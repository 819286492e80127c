namespace EvidenceMailWorker.Reports.Xlsx;

public enum XCellKind
{
    Empty,
    Text,
    Number,
    // A local date-time, stored as an Excel serial number with a date format (a real date, not text).
    Date,
}

// One cell to write: what it holds and its style (XlsxStyles index).
public readonly record struct XCell(XCellKind Kind, string? Text, double Number, uint Style)
{
    public static XCell Empty(uint style = XlsxStyles.Default) => new(XCellKind.Empty, null, 0, style);

    public static XCell Of(string? text, uint style = XlsxStyles.Text) =>
        text is null ? Empty(style) : new(XCellKind.Text, text, 0, style);

    public static XCell Of(double number, uint style = XlsxStyles.Integer) => new(XCellKind.Number, null, number, style);

    public static XCell Of(DateTime local, uint style = XlsxStyles.DateTime) => new(XCellKind.Date, null, local.ToOADate(), style);
}
