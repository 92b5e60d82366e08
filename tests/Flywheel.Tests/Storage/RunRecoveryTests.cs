using System.Diagnostics;
using Flywheel.Storage;
using Flywheel.Storage.Sql;
using Microsoft.EntityFrameworkCore;

namespace Flywheel.Tests.Storage;

/// <summary>A run whose process died is marked failed the next time the store is opened; a live one is left alone.</summary>
public class RunRecoveryTests
{
    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Runs_of_a_dead_process_on_this_host_fail_on_open(string kind)
    {
        using var test = new TestStore(kind);
        var dead = await test.Store.Runs.StartRunAsync("churn", 1);
        var live = await test.Store.Runs.StartRunAsync("churn", 2);
        var pid = ExitedProcessId();
        await EditRunAsync(test, dead.Id, row => row.ProcessId = pid);

        var reopened = Reopen(test);

        var failed = await reopened.Runs.FindRunAsync(dead.Id);
        Assert.Equal((RunStatus.Failed, $"process {pid} on host {Environment.MachineName} stopped"), (failed!.Status, failed.FailureReason));
        Assert.Equal(RunStatus.Running, (await reopened.Runs.FindRunAsync(live.Id))!.Status);
        Assert.Contains(await reopened.AuditTrailAsync($"run:{dead.Id}"), e => e.Action == "run.end" && e.DetailsJson.Contains("\"failed\"", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(StoreKinds.All), MemberType = typeof(StoreKinds))]
    public async Task Runs_on_another_host_fail_only_when_their_heartbeat_is_stale(string kind)
    {
        using var test = new TestStore(kind);
        var stale = await test.Store.Runs.StartRunAsync("churn", 1);
        var fresh = await test.Store.Runs.StartRunAsync("churn", 2);
        await EditRunAsync(test, stale.Id, row => (row.Host, row.ProcessId) = ("gpu-box", 4242));
        await EditRunAsync(test, fresh.Id, row => (row.Host, row.ProcessId) = ("gpu-box", 4243));
        await test.Store.Runs.RecordTrialAsync(fresh.Id, new NewTrial("FastTree", "{}", "{}", TimeSpan.FromSeconds(1), 1));
        test.Clock.Advance(TimeSpan.FromMinutes(4));
        await test.Store.Runs.RecordTrialAsync(fresh.Id, new NewTrial("FastTree", "{}", "{}", TimeSpan.FromSeconds(1), 1));
        test.Clock.Advance(TimeSpan.FromMinutes(2)); // stale: 6 min since start; fresh: 2 min since its last trial

        var reopened = Reopen(test);

        Assert.Equal(("process 4242 on host gpu-box stopped", RunStatus.Failed), ((await reopened.Runs.FindRunAsync(stale.Id))!.FailureReason, (await reopened.Runs.FindRunAsync(stale.Id))!.Status));
        Assert.Equal(RunStatus.Running, (await reopened.Runs.FindRunAsync(fresh.Id))!.Status);
    }

    private static MetadataStore Reopen(TestStore test) =>
        MetadataStore.Open(test.Store.Connection, Path.Combine(test.Folder, "artifacts"), test.Clock);

    private static async Task EditRunAsync(TestStore test, Guid id, Action<RunRow> edit)
    {
        await using var context = MetadataDatabase.Open(test.Store.Connection).CreateContext();
        var row = await context.Runs.SingleAsync(r => r.Id == id);
        edit(row);
        await context.SaveChangesAsync();
    }

    private static int ExitedProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }
}
