using Deque.AxeCore.Playwright;
using Flywheel.Operate.Access;
using Flywheel.Operate.Requests;
using Flywheel.Storage;
using Flywheel.UseCases;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Flywheel.Ui.Tests;

/// <summary>The Value page over a copy of the churn sample: charts from the report document, live edits saved to flywheel.yaml, the sign-off gate.</summary>
public sealed class ValuePageTests(WorkspaceServer server, ITestOutputHelper output) : IClassFixture<WorkspaceServer>
{
    private const string Path = "/use-cases/telco-churn/value";

    private string File => UseCaseLoader.Locate(server.Store.Options.UseCases[0]);

    [BrowserFact]
    public async Task The_value_page_renders_in_both_languages_and_widths_with_its_payback_and_tornado_charts()
    {
        foreach (var (locale, heading) in new[] { ("ja-JP", "価値：telco-churn"), ("en-US", "Value: telco-churn") })
        {
            foreach (var width in new[] { 1280, 390 })
            {
                var page = await server.PageAsync(locale, width, width == 390 ? 844 : 800);
                var errors = Browsing.CollectErrors(page);
                await Browsing.SignInAsync(page, await server.KeyAsync(Roles.Viewer));
                await page.GotoAsync(Path);
                Assert.Equal(heading, (await page.Locator("main h1").TextContentAsync())?.Trim());
                var charts = page.Locator("[data-testid=chart]");
                Assert.True(await charts.CountAsync() >= 2, "payback and tornado are drawn");
                Assert.StartsWith("Payback", await charts.First.GetAttributeAsync("data-chart"));
                Assert.NotNull(await page.GetAttributeAsync("[data-testid=sign-off]", "data-state"));
                // A viewer reads; no input of the value model is open to them.
                Assert.Equal(0, await page.Locator("[data-testid=amount]:enabled").CountAsync());
                await Browsing.AssertFitsAsync(page, $"{Path} {locale} at {width}px");
                output.WriteLine($"value {locale} {width}px: {await Browsing.FirstPaintAsync(page)}");
                if (width == 1280) Browsing.AssertNoSeriousViolation(await page.RunAxe(), $"{Path} ({locale})");
                await page.ScreenshotAsync(new() { Path = System.IO.Path.Combine(WorkspaceServer.Screenshots, $"value.{locale[..2]}.{width}.png"), FullPage = true });
                Assert.True(errors.Count == 0, $"{locale} at {width}px: " + string.Join("\n", errors));
                await page.Context.CloseAsync();
            }
        }
    }

    [BrowserFact]
    public async Task A_scientist_changes_a_parameter_sees_the_value_follow_and_saves_it_to_the_file_which_voids_the_sign_off()
    {
        // The product manager signs off the value as it is.
        var requests = new TeamRequests(server.Store.Store);
        var useCase = UseCaseLoader.Load(File);
        var ask = await requests.AskAsync(new RequestAsk(SignOffs.ValueSubject(useCase), "product-manager", "approval", "Sign off the churn value?", DateTimeOffset.UtcNow.AddDays(3), Path), "key:ui");
        await requests.DecideAsync(ask.Id, approve: true, "agreed in the workshop", "key:admin", isAdmin: true);

        var page = await server.PageAsync();
        var errors = Browsing.CollectErrors(page);
        await Browsing.SignInAsync(page, await server.KeyAsync(Roles.Scientist));
        await page.GotoAsync(Path);
        await page.Locator("[data-testid=value-page][data-ready=true]").WaitForAsync();
        Assert.Equal("agreed", await page.GetAttributeAsync("[data-testid=sign-off]", "data-state"));
        var before = double.Parse((await page.GetAttributeAsync("[data-testid=value-per-day]", "data-value"))!, System.Globalization.CultureInfo.InvariantCulture);

        // 100 → 200 customers a day doubles the loss the model avoids: value = customers × churn × CAC + decision.value_per_day.
        var started = DateTime.UtcNow;
        await page.FillAsync("#p-customers_per_day", "200");
        await page.Locator("#p-customers_per_day").DispatchEventAsync("change");
        await page.Locator("[data-testid=unsaved]").WaitForAsync();
        output.WriteLine($"value page: edit to redrawn figure {(DateTime.UtcNow - started).TotalMilliseconds:F0} ms (measured, not asserted)");
        var after = double.Parse((await page.GetAttributeAsync("[data-testid=value-per-day]", "data-value"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(100 * 0.1414 * 200000, after - before, 3);
        Assert.Contains("customers_per_day: { value: 100,", System.IO.File.ReadAllText(File)); // not saved yet

        await page.ClickAsync("[data-testid=save]");
        await page.Locator("[data-testid=value-saved]").WaitForAsync();
        var text = System.IO.File.ReadAllText(File);
        Assert.Contains("customers_per_day: { value: 200, unit: customer/day, owner: Marketing", text);
        Assert.Contains("# Priced with the model", text);
        Assert.Equal(200, UseCaseLoader.Load(File).Value!.Parameters.Single(p => p.Name == "customers_per_day").Value);
        Assert.Equal("changed since agreed", await page.GetAttributeAsync("[data-testid=sign-off]", "data-state"));

        var audit = await server.Store.Store.QueryAuditAsync(new AuditQuery(Subject: "use-case:telco-churn", Action: "use-case.parameter.set"));
        var entry = Assert.Single(audit.Entries);
        Assert.Contains("\"parameter\":\"customers_per_day\"", entry.DetailsJson);
        Assert.Contains("\"before\":100", entry.DetailsJson);
        Assert.Contains("\"after\":200", entry.DetailsJson);
        Assert.StartsWith("key:", entry.Actor);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
