using Dapper;
using EvidenceMailWorker.Configuration;
using EvidenceMailWorker.Notifications;
using EvidenceMailWorker.Storage;
using EvidenceMailWorker.Tests.Support;

namespace EvidenceMailWorker.Tests.Schedule;

// job_runs claims (a fire time runs once across processes): the first claimer runs it; a run in
// progress in a live process is left alone; one whose holder died on this machine, that went stale,
// or that failed and was given back is taken over; a finished one never runs again.
public sealed class JobRunLogTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private static readonly DateTimeOffset Fire = new(2024, 6, 10, 2, 0, 0, TimeSpan.FromHours(7));
    private static readonly DateTimeOffset Now = Fire.AddMinutes(1);

    public void Dispose() => _folder.Dispose();

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_fire_time_is_claimed_once_and_taken_over_only_from_a_dead_or_stale_holder(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, _folder.Path);
        var log = new JobRunLog(database);

        Assert.True(await log.ClaimAsync("summary", Fire, Now, CancellationToken.None));
        Assert.False(await log.ClaimAsync("summary", Fire, Now.AddSeconds(5), CancellationToken.None)); // in progress, holder alive

        // A holder that is a dead process of this machine.
        await SetHolderAsync(database, $"{Environment.MachineName}:{int.MaxValue - 7}:0");
        Assert.True(await log.ClaimAsync("summary", Fire, Now.AddSeconds(10), CancellationToken.None));

        // A holder on another machine is trusted until the claim goes stale.
        await SetHolderAsync(database, "other-host:123:0");
        Assert.False(await log.ClaimAsync("summary", Fire, Now.AddMinutes(5), CancellationToken.None));
        Assert.True(await log.ClaimAsync("summary", Fire, Now.AddMinutes(30), CancellationToken.None));

        // A failed run is given back at once; a finished one is never run again.
        await log.ReleaseAsync("summary", Fire, "boom", CancellationToken.None);
        Assert.True(await log.ClaimAsync("summary", Fire, Now.AddMinutes(31), CancellationToken.None));
        await log.FinishAsync("summary", Fire, Now.AddMinutes(32), 1, 1, null, CancellationToken.None);
        Assert.True(await log.FinishedAsync("summary", Fire, CancellationToken.None));
        Assert.False(await log.ClaimAsync("summary", Fire, Now.AddDays(1), CancellationToken.None));
    }

    private static async Task SetHolderAsync(Database database, string owner)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("UPDATE job_runs SET claimed_by = @owner", new { owner });
    }
}
