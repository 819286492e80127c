using EvidenceMailWorker.Schedule;
using EvidenceMailWorker.Templates;

namespace EvidenceMailWorker.Notifications;

// A planned email rendered with the office's templates, plus the files it attaches (summaries).
public sealed record JobEmail(PlannedEmail Plan, RenderedEmail Rendered, IReadOnlyList<string> Attachments);

// One run of a job at an instant: what `jobs run` prints and what a Quartz fire does.
public sealed record JobRun(string Job, DateTimeOffset At, string? Period, bool DryRun, IReadOnlyList<JobEmail> Emails, int Queued);
