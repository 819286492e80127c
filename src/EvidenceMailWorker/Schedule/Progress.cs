namespace EvidenceMailWorker.Schedule;

// A share as a whole percent and a ten-cell bar that reads the same in HTML and plain text.
public static class Progress
{
    public static int Percent(double covered, double required) =>
        required <= 0 ? 0 : (int)Math.Round(100 * covered / required, MidpointRounding.AwayFromZero);

    public static string Bar(int percent)
    {
        var full = Math.Clamp((percent + 5) / 10, 0, 10);
        return new string('█', full) + new string('░', 10 - full);
    }
}
