using Dapper;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Storage;

namespace EvidenceMailWorker.Health;

// The `run` processes whose Quartz schedulers are checked in to the cluster on this PostgreSQL
// database (Quartz's own table; its times are .NET ticks, UTC). With SQLite the scheduler's store is
// in the running process's memory and there is nothing to read: the store is named and the list empty.
public sealed class SchedulerNodes(Database database)
{
    public string Store => database.Provider == DatabaseProvider.Postgres ? "clustered" : "memory";

    public async Task<IReadOnlyList<SchedulerNode>> ListAsync(CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.Postgres)
            return [];
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Instance, long CheckinTicks, long IntervalMs)>(new CommandDefinition(
            "SELECT instance_name, last_checkin_time, checkin_interval FROM qrtz_scheduler_state ORDER BY instance_name",
            cancellationToken: cancellationToken));
        return rows.Select(r => new SchedulerNode(r.Instance, new DateTime(r.CheckinTicks, DateTimeKind.Utc), TimeSpan.FromMilliseconds(r.IntervalMs))).ToList();
    }
}

public sealed record SchedulerNode(string Instance, DateTime LastCheckinAtUtc, TimeSpan CheckinInterval);
