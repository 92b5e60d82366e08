using System.Net;
using System.Net.Sockets;
using Flywheel.Operate.Access;
using Flywheel.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Flywheel.Ui.Tests;

/// <summary>
/// One real server (Kestrel on a free loopback port, over a copy of the churn sample) and one headless chromium for a
/// test class; keys per role; a new browser context (cookies, language) per test. Screenshots go to bin/.../screenshots/.
/// </summary>
public sealed class WorkspaceServer : IAsyncLifetime
{
    public const string AdminSecret = "fw_uitestadmin00_0123456789abcdefghijklmnopqrstuvwxyzABCDEF";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"flywheel-ui-test-{Guid.NewGuid():N}");
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = default!;
    public ServerStore Store => _app!.Services.GetRequiredService<ServerStore>();
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        CopySample("churn", "flywheel.yaml", "data/mlc_churn.csv");
        var port = FreePort();
        _app = FlywheelServer.Build(new ServerOptions { UseCases = [_folder], Port = port, RunJobs = false, AdminKey = AdminSecret },
            builder => builder.WebHost.UseSetting("urls", $"http://127.0.0.1:{port}"));
        await _app.StartAsync();
        BaseUrl = $"http://127.0.0.1:{port}";
        Directory.CreateDirectory(Screenshots);
        if (!File.Exists(Browsers.Chromium)) return; // BrowserFact skips (or fails under CI) before a test needs it
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Browsers.Chromium, Headless = true });
    }

    /// <summary>A new key of <paramref name="role"/> (the admin's is known).</summary>
    public async Task<string> KeyAsync(string role) =>
        role == Roles.Admin ? AdminSecret : (await Store.Store.Keys.CreateAsync($"ui-{role}-{Guid.NewGuid():N}", role, null, "test")).Secret;

    /// <summary>A fresh browser context at <paramref name="width"/>×<paramref name="height"/> whose browser asks for <paramref name="locale"/>.</summary>
    public Task<IPage> PageAsync(string locale = "en-US", int width = 1280, int height = 800) =>
        Browsing.NewPageAsync(Browser, BaseUrl, locale, width, height);

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private void CopySample(string sample, params string[] files)
    {
        foreach (var file in files)
        {
            var target = Path.Combine(_folder, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Repo(Path.Combine("samples", sample, file)), target);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Repo(string relative)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Flywheel.slnx"))) directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("the repository root was not found"), relative);
    }
}
