using System.Text.Json;
using Deque.AxeCore.Playwright;
using Flywheel.Operate.Access;
using Flywheel.Operate.Listings;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Flywheel.Ui.Tests;

/// <summary>
/// The operate pages (Deployments, Monitoring, Review queue, Growth cycle) over a served, monitored, reviewed and
/// retrained churn model: each renders in both languages at 1280 and 390 px without console errors or a serious axe
/// violation; a reviewer decides with the keyboard and the label reaches the production dataset; only an approver promotes.
/// </summary>
public sealed class OperatePagesTests(OperateServer server, ITestOutputHelper output) : IClassFixture<OperateServer>
{
    public static TheoryData<string, string> Pages => new()
    {
        { "deployments", "/deployments" },
        { "monitoring", $"/monitoring/{OperateServer.Endpoint}" },
        { "review", "/review" },
        { "growth", $"/use-cases/{OperateServer.Endpoint}/growth" },
    };

    private static readonly Dictionary<string, (string En, string Ja)> Headings = new()
    {
        ["deployments"] = ("Deployments", "デプロイ"),
        ["monitoring"] = ("Monitoring: telco-churn", "モニタリング: telco-churn"),
        ["review"] = ("Review queue", "レビューキュー"),
        ["growth"] = ("Growth cycle: telco-churn", "成長サイクル: telco-churn"),
    };

    [BrowserTheory]
    [MemberData(nameof(Pages))]
    public async Task The_page_renders_in_english_and_japanese_at_1280_and_390_without_errors_or_serious_axe_violations(string name, string path)
    {
        output.WriteLine($"fixture set up in {server.SetUp.TotalSeconds:0.0} s");
        foreach (var locale in new[] { "en-US", "ja-JP" })
        {
            foreach (var width in new[] { 1280, 390 })
            {
                var page = await server.PageAsync(locale, width, width == 390 ? 844 : 800);
                var errors = Browsing.CollectErrors(page);
                await Browsing.SignInAsync(page, (await server.KeyAsync(name == "review" ? Roles.Reviewer : Roles.Admin)).Secret);
                await page.GotoAsync(path);
                if (name == "review") await page.Locator("[data-testid=review-item], [data-testid=queue-empty]").First.WaitForAsync();
                Assert.Equal(locale[..2], await page.GetAttributeAsync("html", "lang"));
                var heading = locale == "en-US" ? Headings[name].En : Headings[name].Ja;
                Assert.Equal(heading, (await page.Locator("main h1").TextContentAsync())?.Trim());
                await CheckContentAsync(name, page);
                await Browsing.AssertFitsAsync(page, $"{name} {locale} at {width}px");
                await page.ScreenshotAsync(new() { Path = Path.Combine(WorkspaceServer.Screenshots, $"{name}.{locale[..2]}.{width}.png"), FullPage = true });
                output.WriteLine($"{name} {locale} {width}px: {await Browsing.FirstPaintAsync(page)}");
                if (width == 1280) Browsing.AssertNoSeriousViolation(await page.RunAxe(), $"{path} ({locale})");
                Assert.True(errors.Count == 0, $"{name} {locale} at {width}px: " + string.Join("\n", errors));
                await page.Context.CloseAsync();
            }
        }
    }

    [BrowserFact]
    public async Task A_reviewer_decides_an_item_with_the_keyboard_and_the_label_appears_in_the_production_dataset()
    {
        var (reviewerName, secret) = await server.KeyAsync(Roles.Reviewer);
        var page = await server.PageAsync();
        var errors = Browsing.CollectErrors(page);
        await Browsing.SignInAsync(page, secret);
        await page.GotoAsync("/review");
        var item = page.Locator("[data-testid=review-item]");
        await item.WaitForAsync();
        var itemId = await item.GetAttributeAsync("data-item");
        var inference = await item.GetAttributeAsync("data-inference");
        Assert.Contains(inference!, server.Queued);
        Assert.Contains("1 = ", await page.Locator("[data-testid=announce]").TextContentAsync() ?? "");
        Assert.Equal("0", (await page.Locator("[data-testid=my-answers]").TextContentAsync())?.Trim());

        await page.Keyboard.PressAsync("?");
        await page.Locator("[data-testid=help]").WaitForAsync();
        var label = await page.GetAttributeAsync("[data-testid=label][aria-keyshortcuts='2']", "data-label");
        Assert.False(string.IsNullOrEmpty(label));
        var started = DateTime.UtcNow;
        await page.Keyboard.PressAsync("2");
        await page.Locator("[data-testid=last-decision]").WaitForAsync();
        output.WriteLine($"decision recorded and the next item shown {(DateTime.UtcNow - started).TotalMilliseconds:0} ms after the key press");
        Assert.Contains($"item {itemId}", await page.Locator("[data-testid=last-decision]").TextContentAsync() ?? "");
        await Assertions.Expect(page.Locator("[data-testid=my-answers]")).ToHaveTextAsync("1");
        Assert.NotEqual(itemId, await page.Locator("[data-testid=review-item]").GetAttributeAsync("data-item"));
        Assert.Contains("item", await page.Locator("[data-testid=announce]").TextContentAsync() ?? "", StringComparison.OrdinalIgnoreCase);

        // The queue measured the answer's time; the production dataset (GET …/production-dataset) now has the reviewer's label.
        var decided = await server.Store.Store.AuditTrailAsync($"review:{itemId}");
        Assert.Contains(decided, e => e.Action == "review.decide" && e.Actor == $"key:{reviewerName}");
        using var api = server.Api();
        var dataset = await OperateServer.JsonAsync(await api.GetAsync($"/api/v1/endpoints/{OperateServer.Endpoint}/production-dataset"));
        var row = Assert.Single(dataset.GetProperty("records").EnumerateArray(), r => r.GetProperty("_inference_id").GetString() == inference);
        Assert.Equal(label, row.GetProperty("churn").GetString());
        Assert.Equal("review", row.GetProperty("_label_source").GetString());

        // s gives the held item back and shows another.
        var held = await page.Locator("[data-testid=review-item]").GetAttributeAsync("data-item");
        await page.Locator("[data-testid=review-item]").FocusAsync();
        await page.Keyboard.PressAsync("s");
        await Assertions.Expect(page.Locator("[data-testid=last-decision]")).ToContainTextAsync($"Item {held} went back");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_scientist_cannot_promote_and_an_approver_can_after_confirming_on_the_comparison()
    {
        var comparisonId = server.Comparison.GetProperty("id").GetString()!;
        var challenger = server.Comparison.GetProperty("challenger").GetProperty("version").GetInt32();
        var listings = new ModelListings(server.Store.Store);
        Assert.Equal(1, (await listings.GetAsync(OperateServer.Endpoint)).Aliases["production"]);

        var scientist = await server.PageAsync();
        await Browsing.SignInAsync(scientist, (await server.KeyAsync(Roles.Scientist)).Secret);
        await scientist.GotoAsync("/deployments");
        Assert.True(await scientist.Locator("[data-testid=promote]").IsDisabledAsync());
        Assert.Equal(0, await scientist.Locator("[data-testid=rollback]").CountAsync());
        // A forged post with a valid antiforgery token of the scientist's own session: refused before anything moves.
        var token = await scientist.GetAttributeAsync("input[name=__RequestVerificationToken]", "value");
        var form = scientist.Context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", token!);
        form.Set("model", OperateServer.Endpoint);
        form.Set("version", challenger.ToString(System.Globalization.CultureInfo.InvariantCulture));
        form.Set("comparisonId", comparisonId);
        form.Set("reason", "forged");
        var forged = await scientist.Context.APIRequest.PostAsync("/deployments/promote", new() { Form = form, MaxRedirects = 0 });
        Assert.Equal(403, forged.Status);
        Assert.Equal(1, (await listings.GetAsync(OperateServer.Endpoint)).Aliases["production"]);
        await scientist.Context.CloseAsync();

        var (approverName, secret) = await server.KeyAsync(Roles.Approver);
        var approver = await server.PageAsync();
        var errors = Browsing.CollectErrors(approver);
        await Browsing.SignInAsync(approver, secret);
        await approver.GotoAsync("/deployments");
        var card = approver.Locator($"[data-model={OperateServer.Endpoint}]");
        Assert.Contains("95%", await card.Locator("[data-testid=verdict]").TextContentAsync() ?? "");
        await card.Locator("[data-testid=promote]").ClickAsync();
        await approver.Locator("[data-testid=confirm]").WaitForAsync();
        Assert.Equal(1, (await listings.GetAsync(OperateServer.Endpoint)).Aliases["production"]);   // nothing moved before confirming
        await approver.FillAsync("#reason", "the challenger was compared on the fresh production holdout");
        await approver.ClickAsync("[data-testid=confirm-submit]");
        await Assertions.Expect(approver.Locator("[data-testid=done]")).ToContainTextAsync($"v{challenger}");
        Assert.Equal(challenger, (await listings.GetAsync(OperateServer.Endpoint)).Aliases["production"]);
        var audit = await server.Store.Store.AuditTrailAsync($"model:{OperateServer.Endpoint}");
        var approval = Assert.Single(audit, e => e.Action == "promotion.approve");
        Assert.Equal($"key:{approverName}", approval.Actor);
        Assert.Contains(comparisonId, JsonSerializer.Serialize(approval), StringComparison.Ordinal);
        Assert.Contains(audit, e => e.Action is "alias.set" or "alias.move" && e.Actor == $"key:{approverName}");
        await Assertions.Expect(card.Locator("[data-testid=promotions]")).ToContainTextAsync($"v1 → v{challenger}");

        // Rollback: confirm, one alias move back, audited as the API's rollback.
        await card.Locator("[data-testid=rollback]").ClickAsync();
        await approver.FillAsync("#reason", "the call centre reports more complaints");
        await approver.ClickAsync("[data-testid=confirm-submit]");
        await Assertions.Expect(approver.Locator("[data-testid=done]")).ToContainTextAsync("v1");
        Assert.Equal(1, (await listings.GetAsync(OperateServer.Endpoint)).Aliases["production"]);
        Assert.Contains(await server.Store.Store.AuditTrailAsync($"model:{OperateServer.Endpoint}"), e => e.Action == "promotion.rollback" && e.Actor == $"key:{approverName}");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await approver.Context.CloseAsync();
    }

    private async Task CheckContentAsync(string name, IPage page)
    {
        switch (name)
        {
            case "deployments":
                Assert.Equal("100.0%", (await page.Locator($"[data-endpoint={OperateServer.Endpoint}] tr[data-variant] td").Nth(2).TextContentAsync())?.Trim().Replace(" ", "", StringComparison.Ordinal));
                Assert.Contains($"{OperateServer.Endpoint}:", await page.Locator("[data-testid=loaded]").First.TextContentAsync() ?? "");
                Assert.True(await page.Locator("[data-testid=comparison] tr[data-metric]").CountAsync() > 0);
                Assert.True(await page.Locator("[data-testid=value-added]").IsVisibleAsync());
                break;
            case "monitoring":
                Assert.True(await page.Locator("[data-check=baseline_drift_check][data-feature=total_day_minutes]").CountAsync() == 1, "the drift alert of total_day_minutes is listed");
                Assert.Equal("alert:" + await page.Locator("[data-check=baseline_drift_check][data-feature=total_day_minutes]").GetAttributeAsync("data-alert"),
                    await page.Locator("[data-check=baseline_drift_check][data-feature=total_day_minutes] [data-testid=ask]").GetAttributeAsync("data-subject"));
                Assert.True(await page.Locator("[data-testid=drift] tr.drifted[data-feature=total_day_minutes]").CountAsync() == 1);
                Assert.True(await page.Locator("[data-chart=total_day_minutes] svg").CountAsync() == 1, "the overlaid distribution of the drifted feature is drawn");
                Assert.True(await page.Locator("[data-testid=quality] tr[data-metric]").CountAsync() > 0);
                break;
            case "review":
                Assert.True(await page.Locator("[data-testid=features] tr").CountAsync() > 5);
                break;
            case "growth":
                Assert.Equal(3, await page.Locator("[data-testid=conditions] li").CountAsync());
                Assert.Equal(OperateServer.Requests.ToString("N0", System.Globalization.CultureInfo.CurrentCulture), (await page.Locator("[data-testid=captured-total]").TextContentAsync())?.Trim());
                Assert.True(await page.Locator("[data-testid=chart] svg").CountAsync() >= 2);
                break;
        }
    }
}
