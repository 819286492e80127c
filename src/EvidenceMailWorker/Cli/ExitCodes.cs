namespace EvidenceMailWorker.Cli;

// CONTRACT §2.
public static class ExitCodes
{
    public const int Success = 0;
    public const int UsageOrConfiguration = 1;
    public const int RuntimeFailure = 2;
}
