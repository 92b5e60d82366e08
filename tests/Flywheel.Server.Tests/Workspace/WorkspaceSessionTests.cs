using System.Net;
using Flywheel.Operate.Access;
using Flywheel.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Flywheel.Server.Tests.Workspace;

/// <summary>The workspace session outlives no revoked key: the store is read again once the re-validation interval passes.</summary>
public class WorkspaceSessionTests
{
    [Fact]
    public async Task A_session_ends_once_its_key_is_revoked_and_the_interval_has_passed()
    {
        using var folder = TempFolder.FromSample("churn", "data/mlc_churn.csv");
        var clock = new MovableClock();
        await using var host = await TestHost.StartAsync(new ServerOptions { UseCases = [folder.Path], RunJobs = false },
            builder => builder.Services.AddSingleton<TimeProvider>(clock));
        var issued = await host.Store.Store.Keys.CreateAsync("session-revoked", Roles.Viewer, null, "test");
        var session = await WorkspaceSessions.SignInAsync(host, issued.Secret) ?? throw new InvalidOperationException("no session opened");
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/")).StatusCode);

        await host.Store.Store.Keys.RevokeAsync(issued.Key.Id, "test");
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/")).StatusCode); // within the interval the cookie stands
        clock.Advance(TimeSpan.FromMinutes(1.5));
        var after = await session.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("http://localhost/login", after.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        var trail = await host.Store.Store.AuditTrailAsync($"key:{issued.Key.Id}");
        Assert.Contains(trail, e => e.Action == "workspace.sign-in");
        Assert.Contains(trail, e => e.Action == "workspace.session-ended" && e.DetailsJson.Contains("revoked", StringComparison.Ordinal));
    }

    private sealed class MovableClock : TimeProvider
    {
        private TimeSpan _offset;

        public void Advance(TimeSpan by) => _offset += by;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
    }
}
