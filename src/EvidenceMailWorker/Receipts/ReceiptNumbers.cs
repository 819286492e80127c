using System.Globalization;

namespace EvidenceMailWorker.Receipts;

// Points as a Vietnamese reader writes them: no trailing zeros, a comma before decimals (7,5).
public static class ReceiptNumbers
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static string Points(double points) => points.ToString("0.##", Vietnamese);
}
