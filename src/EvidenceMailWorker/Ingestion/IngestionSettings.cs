using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Core;

namespace EvidenceMailWorker.Ingestion;

// The configuration one ingestion pass works with, taken as a whole so that a config reload in the
// middle of a message cannot mix two versions.
public sealed record IngestionSettings(
    CampaignDirectory Directory,
    LimitsOptions Limits,
    string TrustedAuthServId,
    string OwnMessageIdDomain,
    string SpoolFolder);
