namespace EvidenceMailWorker.Outbound;

// When a failed delivery is tried again: 1, 2, 4 … minutes, capped at an hour, and given up
// ("dead", kept with its last error for the office to see) after MaxAttempts, about a day of trying.
public static class BackoffSchedule
{
    public const int MaxAttempts = 30;
    public static readonly TimeSpan First = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Cap = TimeSpan.FromHours(1);

    // How long a claimed row stays invisible to other senders while one is delivering it; a sender
    // that dies mid-delivery leaves the row to be picked up again after this.
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    public static TimeSpan After(int attempts)
    {
        if (attempts <= 1)
            return First;
        var minutes = First.TotalMinutes * Math.Pow(2, Math.Min(attempts - 1, 16));
        return TimeSpan.FromMinutes(Math.Min(minutes, Cap.TotalMinutes));
    }

    public static bool IsDead(int attempts) => attempts >= MaxAttempts;
}
