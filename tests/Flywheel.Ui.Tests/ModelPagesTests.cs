using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Flywheel.Operate.Access;
using Flywheel.Server;
using Flywheel.UseCases;
using Flywheel.Workflows;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Flywheel.Ui.Tests;

/// <summary>
/// A server over a copy of the churn sample that priced review (so the explorer has a band) and holds two trained
/// versions (two trials, then one: small, shared by the class), with a headless chromium.
/// </summary>
public sealed class TrainedWorkspaceServer : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"flywheel-ui-models-{Guid.NewGuid():N}");
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = default!;
    public ServerStore Store => _app!.Services.GetRequiredService<ServerStore>();
    public string Model { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "data"));
        var sample = Path.Combine(RepoRoot(), "samples", "churn");
        File.Copy(Path.Combine(sample, "data", "mlc_churn.csv"), Path.Combine(_folder, "data", "mlc_churn.csv"));
        var yaml = File.ReadAllText(Path.Combine(sample, "flywheel.yaml"));
        const string volume = "  volume: 100 customers/day";
        if (!yaml.Contains(volume, StringComparison.Ordinal)) throw new InvalidOperationException("the churn sample no longer prices a volume");
        File.WriteAllText(Path.Combine(_folder, "flywheel.yaml"), yaml.Replace(volume, volume + "\n  review: { cost: 300 JPY, minutes: 4 }", StringComparison.Ordinal));
        foreach (var trials in new[] { 2, 1 })
        {
            var outcome = TrainWorkflow.Run(UseCaseLoader.Load(_folder), new TrainRequest(Budget: TimeSpan.FromHours(1), MaxTrials: trials));
            Model = outcome.Version.Split(':')[0];
        }

        var port = FreePort();
        _app = FlywheelServer.Build(new ServerOptions { UseCases = [_folder], Port = port, RunJobs = false, AdminKey = WorkspaceServer.AdminSecret },
            builder => builder.WebHost.UseSetting("urls", $"http://127.0.0.1:{port}"));
        await _app.StartAsync();
        BaseUrl = $"http://127.0.0.1:{port}";
        Directory.CreateDirectory(WorkspaceServer.Screenshots);
        if (!File.Exists(Browsers.Chromium)) return;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Browsers.Chromium, Headless = true });
    }

    public Task<IPage> PageAsync(string locale = "en-US", int width = 1280, int height = 800) =>
        Browsing.NewPageAsync(Browser, BaseUrl, locale, width, height);

    /// <summary>GET an API route with the admin key, as JSON.</summary>
    public async Task<JsonElement> ApiAsync(string path)
    {
        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", WorkspaceServer.AdminSecret);
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

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

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Flywheel.slnx"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("the repository root was not found");
    }
}

/// <summary>The Data, Models and Decision explorer pages in a real browser; the explorer's numbers against the decision route.</summary>
public sealed class ModelPagesTests(TrainedWorkspaceServer server, ITestOutputHelper output) : IClassFixture<TrainedWorkspaceServer>
{
    private string Explorer => $"/models/{server.Model}/versions/2/decisions";

    [BrowserFact]
    public async Task Each_page_renders_in_both_languages_at_both_widths_without_console_errors_or_serious_axe_violations()
    {
        var pages = new (string Name, string Path, string Ready)[]
        {
            ("data", "/use-cases/telco-churn/data", "[data-testid=findings]"),
            ("models", "/models", "[data-testid=models]"),
            ("model", $"/models/{server.Model}?a=1&b=2", "[data-testid=comparison-table]"),
            ("decisions", Explorer, "[data-testid=explorer][data-ready=true]"),
        };
        foreach (var locale in new[] { "en-US", "ja-JP" })
        {
            foreach (var width in new[] { 1280, 390 })
            {
                var page = await server.PageAsync(locale, width, width == 390 ? 844 : 800);
                var errors = CollectErrors(page);
                await SignInAsync(page, WorkspaceServer.AdminSecret);
                foreach (var (name, path, ready) in pages)
                {
                    await page.GotoAsync(path);
                    await page.WaitForSelectorAsync(ready);
                    Assert.Equal(locale[..2], await page.GetAttributeAsync("html", "lang"));
                    await Browsing.AssertFitsAsync(page, $"{name} in {locale} at {width}px");
                    output.WriteLine($"{name} {locale} {width}px: {await Browsing.FirstPaintAsync(page)}");
                    await page.ScreenshotAsync(new() { Path = Path.Combine(WorkspaceServer.Screenshots, $"{name}.{locale[..2]}.{width}.png"), FullPage = true });
                    if (width == 1280) AssertNoSeriousViolation(await page.RunAxe(), $"{path} ({locale})");
                    Assert.True(errors.Count == 0, $"{name} in {locale} at {width}px: " + string.Join("\n", errors));
                }
            }
        }
    }

    [BrowserFact]
    public async Task The_data_page_shows_each_finding_with_its_severity_action_and_an_ask_button_for_its_role()
    {
        var page = await server.PageAsync();
        await SignInAsync(page, WorkspaceServer.AdminSecret);
        await page.GotoAsync("/use-cases/telco-churn/data");
        var findings = page.Locator("[data-testid=findings] > li");
        Assert.True(await findings.CountAsync() > 0, "the churn data has findings");
        var first = findings.First;
        var kind = await first.GetAttributeAsync("data-kind");
        var columns = await first.GetAttributeAsync("data-columns");
        Assert.Equal($"finding:telco-churn/{kind}/{columns}", await first.Locator("[data-testid=ask]").GetAttributeAsync("data-subject"));
        Assert.Contains("role=", await first.Locator("[data-testid=ask]").GetAttributeAsync("href") ?? "", StringComparison.Ordinal);
        // The second opening is served from the per-fingerprint cache.
        var started = DateTime.UtcNow;
        await page.GotoAsync("/use-cases/telco-churn/data");
        output.WriteLine($"data page again: {(DateTime.UtcNow - started).TotalMilliseconds:0} ms to load; {await Browsing.FirstPaintAsync(page)}");
        Assert.Equal(await findings.CountAsync(), await page.Locator("[data-testid=findings] > li").CountAsync());
    }

    [BrowserFact]
    public async Task The_explorers_figures_equal_the_decision_routes_for_three_slider_positions()
    {
        var page = await server.PageAsync();
        var errors = CollectErrors(page);
        await SignInAsync(page, WorkspaceServer.AdminSecret);
        await page.GotoAsync(Explorer);
        await page.WaitForSelectorAsync("[data-testid=explorer][data-ready=true]");
        output.WriteLine($"explorer: {await Browsing.FirstPaintAsync(page)}");
        Assert.Contains("not for tuning", await page.Locator("[data-testid=not-for-tuning]").TextContentAsync() ?? "", StringComparison.Ordinal);

        foreach (var (threshold, lower, upper) in new[] { ("0.3", "0.1", "0.3"), ("0.62", "0.45", "0.62"), ("0.05", "0.02", "0.2") })
        {
            var timings = new List<double>();
            // Upper first, so the band never ends below where it starts on the way (the page would flag it until fixed).
            foreach (var (slider, value) in new[] { ("review-upper", upper), ("review-lower", lower), ("threshold", threshold) })
                timings.Add(await MoveAsync(page, slider, value));
            output.WriteLine($"slider input → updated figure at ({threshold}, [{lower}, {upper})): {string.Join(", ", timings.Select(t => t.ToString("0.0", CultureInfo.InvariantCulture)))} ms");

            var api = await server.ApiAsync($"/api/v1/models/{server.Model}/versions/2/decision?threshold={threshold}&reviewLower={lower}&reviewUpper={upper}");
            foreach (var split in new[] { "validation", "test" })
            {
                var expected = api.GetProperty(split);
                foreach (var (figure, field) in new[] { ("value-per-item", "valuePerItem"), ("value-per-day", "valuePerDay"), ("review-share", "reviewShare"), ("reviewer-hours", "reviewerHoursPerDay"), ("reviewer-people", "reviewerPeople") })
                {
                    var cell = page.Locator($"[data-testid={split}-{figure}]");
                    var shown = double.Parse(await cell.GetAttributeAsync("data-value") ?? "", CultureInfo.InvariantCulture);
                    Assert.Equal(expected.GetProperty(field).GetDouble(), shown, 1e-9);
                }
                var counts = expected.GetProperty("matrix").GetProperty("counts");
                for (var row = 0; row < 2; row++)
                    for (var column = 0; column < 3; column++)
                        Assert.Equal(counts[row][column].GetInt64().ToString("N0", CultureInfo.GetCultureInfo("en")),
                            (await page.Locator($"[data-testid=matrix-{split}] [data-cell='{row}-{column}']").TextContentAsync())?.Trim());
            }
            var shownValue = await page.Locator("[data-testid=validation-value-per-item]").TextContentAsync();
            Assert.Equal(Flywheel.Server.Workspace.WorkspaceFormat.Money(api.GetProperty("validation").GetProperty("valuePerItem").GetDouble(), "JPY", CultureInfo.GetCultureInfo("en")), shownValue?.Trim());
        }

        // The chosen point stays shown beside it, as the route gives it with no query.
        var chosen = await server.ApiAsync($"/api/v1/models/{server.Model}/versions/2/decision");
        Assert.Equal(chosen.GetProperty("test").GetProperty("valuePerItem").GetDouble(),
            double.Parse(await page.Locator("[data-testid=chosen-test-value-per-item]").GetAttributeAsync("data-value") ?? "", CultureInfo.InvariantCulture), 1e-9);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [BrowserFact]
    public async Task The_model_page_shows_the_leaderboard_learning_curve_card_and_two_versions_side_by_side()
    {
        var page = await server.PageAsync();
        await SignInAsync(page, WorkspaceServer.AdminSecret);
        await page.GotoAsync($"/models/{server.Model}");
        Assert.Equal(2, await page.Locator("[data-testid=versions] tbody tr").CountAsync());
        Assert.True(await page.Locator("[data-testid=leaderboard] tbody tr").CountAsync() >= 1);
        Assert.True(await page.Locator("[data-testid=learning-curve] svg").CountAsync() == 1);
        Assert.Contains("As a subscriber", await page.Locator("[data-testid=model-card]").TextContentAsync() ?? "", StringComparison.Ordinal);
        await page.SelectOptionAsync("#compare-a", "1");
        await page.SelectOptionAsync("#compare-b", "2");
        await page.ClickAsync("[data-testid=comparison] button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("a=1", StringComparison.Ordinal));
        var auc = page.Locator("[data-testid=comparison-table] tr[data-compare=auc] td");
        var model = await server.ApiAsync($"/api/v1/models/{server.Model}");
        var expected = model.GetProperty("versions")[0].GetProperty("metrics").EnumerateArray().First(m => m.GetProperty("name").GetString() == "auc").GetProperty("value").GetDouble();
        Assert.Equal(expected.ToString("0.0000", CultureInfo.GetCultureInfo("en")), (await auc.First.TextContentAsync())?.Trim());
    }

    private static async Task<double> MoveAsync(IPage page, string slider, string value) =>
        await page.EvaluateAsync<double>("""
            ([id, value]) => new Promise(resolve => {
              const input = document.getElementById(id);
              const figures = document.querySelector('[data-testid=figures]');
              const start = performance.now();
              const observer = new MutationObserver(() => { observer.disconnect(); resolve(performance.now() - start); });
              observer.observe(figures, { subtree: true, childList: true, characterData: true, attributes: true });
              input.value = value;
              input.dispatchEvent(new Event('input', { bubbles: true }));
              setTimeout(() => { observer.disconnect(); resolve(-1); }, 3000);
            })
            """, new[] { slider, value });

    private static Task SignInAsync(IPage page, string key) => Browsing.SignInAsync(page, key);

    private static List<string> CollectErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        page.Response += (_, response) => { if (response.Status >= 400) errors.Add($"{response.Status} {response.Url}"); };
        return errors;
    }

    private static void AssertNoSeriousViolation(Deque.AxeCore.Commons.AxeResult result, string where)
    {
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{where}: " + string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }
}
