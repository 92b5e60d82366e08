using Deque.AxeCore.Playwright;
using Flywheel.Operate.Access;
using Microsoft.Playwright;

namespace Flywheel.Ui.Tests;

/// <summary>The workspace in a real browser: sign-in, the Use cases page in both languages, the language switch, roles, accessibility.</summary>
public sealed class WorkspaceTests(WorkspaceServer server) : IClassFixture<WorkspaceServer>
{
    [BrowserFact]
    public async Task A_wrong_key_shows_the_error_and_opens_no_session()
    {
        var page = await server.PageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#api-key", "fw_notakey");
        await page.ClickAsync("button.primary");
        Assert.Equal("This key cannot sign in: it is unknown, revoked or expired.", (await page.Locator("[data-testid=sign-in-error]").TextContentAsync())?.Trim());
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "flywheel.session");
        await page.GotoAsync("/");
        Assert.EndsWith("/login?ReturnUrl=%2F", page.Url, StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task A_revoked_key_cannot_sign_in_and_an_expired_session_ends()
    {
        var revoked = await server.Store.Store.Keys.CreateAsync("ui-revoked", Roles.Viewer, null, "test");
        await server.Store.Store.Keys.RevokeAsync(revoked.Key.Id, "test");
        var page = await server.PageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#api-key", revoked.Secret);
        await page.ClickAsync("button.primary");
        Assert.True(await page.Locator("[data-testid=sign-in-error]").IsVisibleAsync());

        var shortLived = await server.Store.Store.Keys.CreateAsync("ui-short", Roles.Viewer, DateTimeOffset.UtcNow.AddSeconds(3), "test");
        await SignInAsync(page, shortLived.Secret);
        Assert.EndsWith("/", page.Url, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        await page.GotoAsync("/");
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task The_use_cases_page_renders_in_japanese_and_english_without_console_errors()
    {
        foreach (var (locale, heading, owner, stage) in new[] { ("ja-JP", "ユースケース", "Marketing", "価値"), ("en-US", "Use cases", "Marketing", "Value") })
        {
            foreach (var width in new[] { 1280, 390 })
            {
                var page = await server.PageAsync(locale, width, width == 390 ? 844 : 800);
                var errors = CollectErrors(page);
                await SignInAsync(page, await server.KeyAsync(Roles.Admin));
                Assert.Equal(locale[..2], await page.GetAttributeAsync("html", "lang"));
                Assert.Equal(heading, (await page.Locator("main h1").TextContentAsync())?.Trim());
                var row = page.Locator("tr[data-use-case=telco-churn]");
                Assert.Contains(owner, await row.TextContentAsync() ?? "", StringComparison.Ordinal);
                Assert.Contains(stage, await row.Locator(".stages li").First.TextContentAsync() ?? "", StringComparison.Ordinal);
                // Nothing wider than the screen: the page scrolls only vertically at 390 px.
                await Browsing.AssertFitsAsync(page, $"{locale} at {width}px");
                await page.ScreenshotAsync(new() { Path = Path.Combine(WorkspaceServer.Screenshots, $"use-cases.{locale[..2]}.{width}.png"), FullPage = true });
                Assert.True(errors.Count == 0, $"{locale} at {width}px: " + string.Join("\n", errors));
            }
        }
    }

    [BrowserFact]
    public async Task The_language_switch_is_remembered_over_the_browsers_language()
    {
        var page = await server.PageAsync("en-US");
        await SignInAsync(page, await server.KeyAsync(Roles.Viewer));
        Assert.Equal("Use cases", (await page.Locator("main h1").TextContentAsync())?.Trim());
        var switched = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("button[name=culture][value=ja]"), r => r.Url.Contains("/culture", StringComparison.Ordinal));
        if (switched.Status != 302) Assert.Fail($"POST /culture answered {switched.Status}: {await switched.TextAsync()}");
        Assert.Equal("ユースケース", (await page.Locator("main h1").TextContentAsync())?.Trim());
        await page.GotoAsync("/use-cases");
        Assert.Equal("ja", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("true", await page.GetAttributeAsync("button[name=culture][value=ja]", "aria-pressed"));
        Assert.Contains(await page.Context.CookiesAsync(), c => c.Name == ".AspNetCore.Culture" && c.Value.Contains("ja", StringComparison.Ordinal));
    }

    [BrowserFact]
    public async Task A_viewer_sees_no_admin_or_review_pages_an_admin_does_and_an_invoker_is_refused()
    {
        var viewer = await server.PageAsync();
        await SignInAsync(viewer, await server.KeyAsync(Roles.Viewer));
        var viewerNav = await viewer.Locator("nav.workspace-nav").TextContentAsync() ?? "";
        Assert.Contains("Use cases", viewerNav, StringComparison.Ordinal);
        Assert.DoesNotContain("Audit log and settings", viewerNav, StringComparison.Ordinal);
        Assert.DoesNotContain("Review queue", viewerNav, StringComparison.Ordinal);
        Assert.Contains("role viewer", await viewer.Locator("[data-testid=signed-in-role]").TextContentAsync() ?? "", StringComparison.Ordinal);

        var admin = await server.PageAsync();
        await SignInAsync(admin, await server.KeyAsync(Roles.Admin));
        var adminNav = await admin.Locator("nav.workspace-nav").TextContentAsync() ?? "";
        Assert.Contains("Audit log and settings", adminNav, StringComparison.Ordinal);
        Assert.Contains("Review queue", adminNav, StringComparison.Ordinal);

        var invoker = await server.PageAsync();
        await invoker.GotoAsync("/login");
        await invoker.FillAsync("#api-key", await server.KeyAsync(Roles.Invoker));
        var response = await invoker.RunAndWaitForResponseAsync(() => invoker.ClickAsync("button.primary"), r => r.Url.EndsWith('/') && r.Request.Method == "GET");
        Assert.Equal(403, response.Status);
        Assert.Contains("invoker", await invoker.TextContentAsync("main") ?? "", StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task Signing_in_and_out_is_audited_and_signing_out_ends_the_session()
    {
        var page = await server.PageAsync();
        var issued = await server.Store.Store.Keys.CreateAsync("ui-audited", Roles.Scientist, null, "test");
        await SignInAsync(page, issued.Secret);
        await page.ClickAsync("button.sign-out");
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        await page.GotoAsync("/");
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        var trail = await server.Store.Store.AuditTrailAsync($"key:{issued.Key.Id}");
        Assert.Contains(trail, e => e.Action == "workspace.sign-in" && e.Actor == "key:ui-audited");
        Assert.Contains(trail, e => e.Action == "workspace.sign-out" && e.Actor == "key:ui-audited");
    }

    [BrowserFact]
    public async Task Axe_finds_no_serious_violation_on_the_sign_in_and_use_cases_pages_in_either_language()
    {
        foreach (var locale in new[] { "en-US", "ja-JP" })
        {
            var page = await server.PageAsync(locale);
            await page.GotoAsync("/login");
            await page.ScreenshotAsync(new() { Path = Path.Combine(WorkspaceServer.Screenshots, $"login.{locale[..2]}.1280.png"), FullPage = true });
            AssertNoSeriousViolation(await page.RunAxe(), $"/login ({locale})");
            await SignInAsync(page, await server.KeyAsync(Roles.Admin));
            AssertNoSeriousViolation(await page.RunAxe(), $"/ ({locale})");
        }
    }

    private static async Task SignInAsync(IPage page, string key)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#api-key", key);
        await page.ClickAsync("button.primary");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
    }

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
