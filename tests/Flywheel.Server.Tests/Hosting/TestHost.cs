using System.Net.Http.Headers;
using Flywheel.Operate.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Flywheel.Server.Tests.Hosting;

/// <summary>
/// A server over the given use-case folders, in memory (TestServer), with a known admin key; clients per role.
/// Disposing stops the server.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    public const string AdminSecret = "fw_testadmin0000_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

    private TestHost(WebApplication app, ServerOptions options)
    {
        App = app;
        Options = options;
    }

    public WebApplication App { get; }
    public ServerOptions Options { get; }
    public ServerStore Store => App.Services.GetRequiredService<ServerStore>();

    public static async Task<TestHost> StartAsync(ServerOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        options = options with { AdminKey = options.AdminKey ?? AdminSecret };
        var app = FlywheelServer.Build(options, builder =>
        {
            builder.WebHost.UseTestServer();
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return new TestHost(app, options);
    }

    public static Task<TestHost> StartAsync(params string[] useCases) => StartAsync(new ServerOptions { UseCases = useCases });

    /// <summary>A client with no key.</summary>
    public HttpClient Anonymous() => App.GetTestClient();

    /// <summary>A client with the admin key.</summary>
    public HttpClient Admin() => WithKey(Options.AdminKey!);

    /// <summary>A client with a new key of <paramref name="role"/>.</summary>
    public async Task<HttpClient> AsAsync(string role)
    {
        if (role == Roles.Admin) return Admin();
        var issued = await Store.Store.Keys.CreateAsync($"test-{role}-{Guid.NewGuid():N}", role, null, "test");
        return WithKey(issued.Secret);
    }

    public HttpClient WithKey(string secret)
    {
        var client = App.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
