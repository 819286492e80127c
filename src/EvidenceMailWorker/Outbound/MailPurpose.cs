namespace EvidenceMailWorker.Outbound;

// CONTRACT §5: every email the worker sends names its purpose in this header, so mail filters, the
// office and tests can tell receipts, notices, reminders, overdue notices, digests, summaries and
// alarms apart.
public static class MailPurpose
{
    public const string Header = "X-EvidenceMail-Purpose";

    public const string Receipt = "receipt";
    public const string Notice = "notice";
    public const string Alarm = "alarm";
}
