using Deque.AxeCore.Playwright;
using Flywheel.Operate.Access;
using Flywheel.Operate.Requests;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Flywheel.Ui.Tests;

/// <summary>Requests and sign-offs, the admin page, and signing in with a local account, in a real browser.</summary>
public sealed class TeamPagesTests(WorkspaceServer server, ITestOutputHelper output) : IClassFixture<WorkspaceServer>
{
    private const string Parameter = "parameter:telco-churn/churn_rate";

    [BrowserFact]
    public async Task A_local_account_signs_in_with_its_password_and_a_wrong_password_shows_the_error()
    {
        var name = $"aiko{Guid.NewGuid():N}"[..12];
        await new UserAccounts(server.Store.Store).CreateAsync(name, Roles.Scientist, "aiko's long password", "test");
        var page = await server.PageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#user-name", name);
        await page.FillAsync("#api-key", "not her password");
        await page.ClickAsync("button.primary");
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        Assert.Contains("wrong", await page.TextContentAsync("[data-testid=sign-in-error]") ?? "", StringComparison.Ordinal);

        await SignInAsUserAsync(page, name, "aiko's long password");
        Assert.Contains("role scientist", await page.Locator("[data-testid=signed-in-role]").TextContentAsync() ?? "", StringComparison.Ordinal);
        var trail = await server.Store.Store.AuditTrailAsync($"user:{name}");
        Assert.Contains(trail, e => e.Action == "workspace.sign-in-refused");
        Assert.Contains(trail, e => e.Action == "workspace.sign-in" && e.Actor == $"user:{name}");
    }

    [BrowserFact]
    public async Task A_request_asked_of_a_domain_expert_reaches_their_inbox_and_their_answer_shows_on_the_subject()
    {
        var expert = $"hana{Guid.NewGuid():N}"[..12];
        await new UserAccounts(server.Store.Store).CreateAsync(expert, Roles.Viewer, "hana's long password", "test");
        await new TeamRequests(server.Store.Store).SetRolesAsync($"user:{expert}", [TeamRoles.DomainExpert.Id], "test");

        // The asker opens the form the way a parameter's Ask button does: subject, role as the use case writes it, where to return.
        var asker = await server.PageAsync();
        await SignInWithKeyAsync(asker, await server.KeyAsync(Roles.Scientist));
        var subjectPage = $"/requests?subject={Uri.EscapeDataString(Parameter)}";
        await asker.GotoAsync(subjectPage);
        await asker.ClickAsync("[data-testid=subject-section] a.ask-button");
        Assert.Contains("/requests/new", asker.Url, StringComparison.Ordinal);
        Assert.Equal(Parameter, await asker.InputValueAsync("#subject"));
        await asker.SelectOptionAsync("#role", TeamRoles.DomainExpert.Id);
        await asker.ClickAsync("button.primary");
        Assert.Equal("message", await asker.GetAttributeAsync("[data-testid=form-error]", "data-field"));
        var message = $"Is 14% churn still right? {Guid.NewGuid():N}";
        await asker.FillAsync("#message", message);
        await asker.ClickAsync("button.primary");
        await asker.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/requests/[0-9]+$"));
        var id = asker.Url[(asker.Url.LastIndexOf('/') + 1)..];

        var inbox = await server.PageAsync("ja-JP");
        await SignInAsUserAsync(inbox, expert, "hana's long password");
        await inbox.GotoAsync("/requests");
        var row = inbox.Locator($"[data-testid=inbox] tr[data-request='{id}']");
        Assert.Equal("open", await row.GetAttributeAsync("data-status"));
        Assert.Contains("業務有識者", await row.TextContentAsync() ?? "", StringComparison.Ordinal);
        await row.Locator("a").ClickAsync();
        Assert.Contains(message, await inbox.TextContentAsync("[data-testid=request]") ?? "", StringComparison.Ordinal);
        await inbox.FillAsync("#answer-text", "12% since the April price change");
        await inbox.ClickAsync("[data-testid=answer-button]");
        Assert.Equal("answered", await inbox.GetAttributeAsync("[data-testid=request]", "data-status"));

        // Back where it was asked: the subject's Ask button shows the answer.
        await asker.GotoAsync(subjectPage);
        Assert.Contains("12% since the April price change", await asker.TextContentAsync("[data-testid=subject-section] [data-testid=latest-answer]") ?? "", StringComparison.Ordinal);
        var trail = await server.Store.Store.AuditTrailAsync($"request:{id}");
        Assert.Equal(["request.ask", "request.answer"], trail.Select(e => e.Action));
        Assert.Equal($"user:{expert}", trail[1].Actor);
    }

    [BrowserFact]
    public async Task A_non_admin_is_refused_the_admin_page_and_an_admin_creates_an_account_that_the_audit_log_shows()
    {
        var viewer = await server.PageAsync();
        await SignInWithKeyAsync(viewer, await server.KeyAsync(Roles.Approver));
        var refused = await viewer.GotoAsync("/admin");
        Assert.Equal(403, refused!.Status);

        var admin = await server.PageAsync();
        await SignInWithKeyAsync(admin, await server.KeyAsync(Roles.Admin));
        await admin.GotoAsync("/admin");
        var name = $"ken{Guid.NewGuid():N}"[..11];
        await admin.FillAsync("#user-name", name);
        await admin.SelectOptionAsync("#user-role", Roles.Reviewer);
        await admin.FillAsync("#user-password", "short");
        await admin.Locator("#user-password").PressAsync("Enter");
        Assert.Contains("password", await admin.TextContentAsync("[data-testid=form-error]") ?? "", StringComparison.Ordinal);
        await admin.FillAsync("#user-name", name);
        await admin.FillAsync("#user-password", "ken's long password");
        await admin.Locator("#user-password").PressAsync("Enter");
        Assert.Equal("reviewer", (await admin.Locator($"[data-testid=users] tr[data-user='{name}'] td").Nth(1).TextContentAsync())?.Trim());
        await admin.GotoAsync($"/admin?action=user.create&subject=user:{name}");
        Assert.Equal(1, await admin.Locator("[data-testid=audit] tbody tr").CountAsync());
        await admin.GotoAsync("/admin?since=yesterday");
        Assert.Contains("since", await admin.TextContentAsync("[data-testid=audit-error]") ?? "", StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task The_requests_and_admin_pages_render_in_japanese_and_english_at_both_widths_without_errors_or_serious_axe_violations()
    {
        var asked = await new TeamRequests(server.Store.Store).AskAsync(
            new RequestAsk(Parameter, "domain expert", "approval", "Sign off the churn rate", DateTimeOffset.UtcNow.AddDays(-0.5), "/"), "key:test");
        var pages = new (string Name, string Path)[]
        {
            ("requests", "/requests"), ("request-new", $"/requests/new?subject={Uri.EscapeDataString(Parameter)}&role=domain%20expert"),
            ("request", $"/requests/{asked.Id}"), ("admin", "/admin"),
        };
        foreach (var locale in new[] { "en-US", "ja-JP" })
        {
            foreach (var width in new[] { 1280, 390 })
            {
                var page = await server.PageAsync(locale, width, width == 390 ? 844 : 800);
                var errors = CollectErrors(page);
                await SignInWithKeyAsync(page, await server.KeyAsync(Roles.Admin));
                foreach (var (name, path) in pages)
                {
                    await page.GotoAsync(path);
                    Assert.Equal(locale[..2], await page.GetAttributeAsync("html", "lang"));
                    Assert.False(string.IsNullOrWhiteSpace(await page.Locator("main h1").TextContentAsync()));
                    await Browsing.AssertFitsAsync(page, $"{path} {locale} at {width}px");
                    var paint = await page.EvaluateAsync<double[]>(
                        "(() => { const n = performance.getEntriesByType('navigation')[0]; const p = performance.getEntriesByName('first-contentful-paint')[0]; return [n.responseEnd, n.domContentLoadedEventEnd, p ? p.startTime : -1]; })()");
                    output.WriteLine($"{name} {locale} {width}px: responseEnd {paint[0]:0} ms, domContentLoaded {paint[1]:0} ms, first-contentful-paint {paint[2]:0} ms");
                    await page.ScreenshotAsync(new() { Path = Path.Combine(WorkspaceServer.Screenshots, $"{name}.{locale[..2]}.{width}.png"), FullPage = true });
                    if (width == 1280) AssertNoSeriousViolation(await page.RunAxe(), $"{path} ({locale})");
                }
                Assert.True(errors.Count == 0, $"{locale} at {width}px: " + string.Join("\n", errors));
            }
        }
        var requests = await server.PageAsync();
        await SignInWithKeyAsync(requests, await server.KeyAsync(Roles.Admin));
        await requests.GotoAsync($"/requests/{asked.Id}");
        Assert.Equal(1, await requests.Locator("button[value=approve]").CountAsync());
    }

    private static Task SignInWithKeyAsync(IPage page, string key) => Browsing.SignInAsync(page, key);

    private static Task SignInAsUserAsync(IPage page, string name, string password) => Browsing.SignInAsync(page, password, name);

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
