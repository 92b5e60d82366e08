using Deque.AxeCore.Playwright;
using Flywheel.Operate.Access;
using Flywheel.Operate.Requests;
using Flywheel.Storage;
using Flywheel.UseCases;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Flywheel.Ui.Tests;

/// <summary>The Canvas and Staged plan pages over a copy of the churn sample: the canvas edited and checked, plan steps marked done or overridden.</summary>
public sealed class PlanPagesTests(WorkspaceServer server, ITestOutputHelper output) : IClassFixture<WorkspaceServer>
{
    private const string CanvasPath = "/use-cases/telco-churn/canvas";
    private const string PlanPath = "/use-cases/telco-churn/plan";

    private string File => UseCaseLoader.Locate(server.Store.Options.UseCases[0]);

    [BrowserFact]
    public async Task The_canvas_and_plan_pages_render_in_both_languages_and_widths()
    {
        var pages = new[]
        {
            ("canvas", CanvasPath, "ビジネスモデルキャンバスと成長チェック：telco-churn", "Canvas and growth check: telco-churn"),
            ("plan", PlanPath, "段階的計画：telco-churn", "Staged plan: telco-churn"),
        };
        foreach (var (name, path, japanese, english) in pages)
        {
            foreach (var (locale, heading) in new[] { ("ja-JP", japanese), ("en-US", english) })
            {
                foreach (var width in new[] { 1280, 390 })
                {
                    var page = await server.PageAsync(locale, width, width == 390 ? 844 : 800);
                    var errors = Browsing.CollectErrors(page);
                    await Browsing.SignInAsync(page, await server.KeyAsync(Roles.Viewer));
                    await page.GotoAsync(path);
                    Assert.Equal(heading, (await page.Locator("main h1").TextContentAsync())?.Trim());
                    if (name == "canvas")
                    {
                        Assert.Equal(9, await page.Locator("[data-testid=canvas] [data-block]").CountAsync());
                        Assert.Equal(3, await page.Locator("[data-testid=growth-check] [data-condition]").CountAsync());
                        // A viewer reads the canvas; nothing is editable for them.
                        Assert.Equal(0, await page.Locator("[data-testid=block-input]").CountAsync());
                        Assert.Contains("in-app offer", await page.Locator("[data-block=channels]").TextContentAsync());
                    }
                    else
                    {
                        Assert.Equal(["manual-outreach", "service-calls-rule", "model"], await page.Locator("[data-testid=plan-steps] > li").EvaluateAllAsync<string[]>("ls => ls.map(l => l.dataset.step)"));
                        Assert.Equal(["go", "go", "not judged yet"], await page.Locator("[data-testid=plan-steps] > li").EvaluateAllAsync<string[]>("ls => ls.map(l => l.dataset.verdict)"));
                        Assert.StartsWith("Payback of each plan step", await page.Locator("[data-testid=chart]").First.GetAttributeAsync("data-chart"));
                        Assert.Equal(0, await page.Locator("[data-testid=mark-done], [data-testid=mark-override]").CountAsync());
                    }
                    await Browsing.AssertFitsAsync(page, $"{path} {locale} at {width}px");
                    output.WriteLine($"{name} {locale} {width}px: {await Browsing.FirstPaintAsync(page)}");
                    if (width == 1280) Browsing.AssertNoSeriousViolation(await page.RunAxe(), $"{path} ({locale})");
                    await page.ScreenshotAsync(new() { Path = Path.Combine(WorkspaceServer.Screenshots, $"{name}.{locale[..2]}.{width}.png"), FullPage = true });
                    Assert.True(errors.Count == 0, $"{path} {locale} at {width}px: " + string.Join("\n", errors));
                    await page.Context.CloseAsync();
                }
            }
        }
    }

    [BrowserFact]
    public async Task A_product_manager_edits_the_canvas_the_file_keeps_its_comments_and_a_condition_without_a_fitting_metric_is_flagged()
    {
        var pm = await server.Store.Store.Keys.CreateAsync("aiko", Roles.Viewer, null, "ui test");
        await new TeamRequests(server.Store.Store).SetRolesAsync("key:aiko", ["product-manager"], "key:admin");
        var page = await server.PageAsync("ja-JP");
        var errors = Browsing.CollectErrors(page);
        await Browsing.SignInAsync(page, pm.Secret);
        await page.GotoAsync(CanvasPath);
        await page.Locator("[data-testid=canvas-page][data-ready=true]").WaitForAsync();
        Assert.Equal("awaiting evidence", await page.GetAttributeAsync("[data-condition=moves_kpi]", "data-flag"));

        await page.FillAsync("#items-key_partners", "CRM vendor\nコールセンター委託先\n");
        await page.Locator("#items-key_partners").DispatchEventAsync("change");
        await page.SelectOptionAsync("#metric-moves_kpi", "data.labelled_total");
        await page.Locator("[data-testid=canvas-unsaved]").WaitForAsync();
        Assert.DoesNotContain("コールセンター委託先", System.IO.File.ReadAllText(File)); // not saved yet

        await page.ClickAsync("[data-testid=save-canvas]");
        await page.Locator("[data-testid=canvas-saved]").WaitForAsync();
        var text = System.IO.File.ReadAllText(File);
        Assert.Contains("コールセンター委託先", text);
        Assert.Contains("metric: data.labelled_total", text);
        Assert.Contains("# The business model canvas of the workshop's", text);
        Assert.Equal(["CRM vendor", "コールセンター委託先"], UseCaseLoader.Load(File).Canvas!.Block("key_partners"));
        // Labelled data cannot show that the KPI moves: the check flags the condition.
        Assert.Equal("no metric", await page.GetAttributeAsync("[data-condition=moves_kpi]", "data-flag"));

        var audit = await server.Store.Store.QueryAuditAsync(new AuditQuery(Subject: "use-case:telco-churn", Action: "use-case.canvas.set"));
        var entry = Assert.Single(audit.Entries);
        Assert.Equal("key:aiko", entry.Actor);
        Assert.Contains("\"changed\":[\"key_partners\",\"moves_kpi\"]", entry.DetailsJson, StringComparison.Ordinal);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [BrowserFact]
    public async Task A_scientist_marks_a_met_step_done_and_only_an_approver_overrides_an_unjudged_one_with_a_reason()
    {
        var page = await server.PageAsync();
        var errors = Browsing.CollectErrors(page);
        await Browsing.SignInAsync(page, await server.KeyAsync(Roles.Scientist));
        await page.GotoAsync(PlanPath);
        await page.Locator("[data-testid=plan-page][data-ready=true]").WaitForAsync();
        var manual = page.Locator("[data-step=manual-outreach]");
        var model = page.Locator("[data-step=model]");
        // No model is trained yet: the scientist may not mark the ML step, nor override it.
        Assert.Equal(0, await model.Locator("[data-testid=mark-done], [data-testid=mark-override]").CountAsync());
        await manual.Locator("[data-testid=mark-done]").ClickAsync();
        await page.Locator("[data-step=manual-outreach][data-done=true]").WaitForAsync();
        Assert.Contains("done: { at: ", System.IO.File.ReadAllText(File));
        await page.Context.CloseAsync();

        page = await server.PageAsync("ja-JP");
        errors.AddRange(Browsing.CollectErrors(page));
        await Browsing.SignInAsync(page, await server.KeyAsync(Roles.Approver));
        await page.GotoAsync(PlanPath);
        await page.Locator("[data-testid=plan-page][data-ready=true]").WaitForAsync();
        model = page.Locator("[data-step=model]");
        await model.Locator("[data-testid=override-reason]").FillAsync("経営会議で先行着手を承認");
        await model.Locator("[data-testid=override-reason]").DispatchEventAsync("change");
        await model.Locator("[data-testid=mark-override]").ClickAsync();
        await page.Locator("[data-step=model][data-done=true]").WaitForAsync();
        Assert.Contains("経営会議で先行着手を承認", await model.Locator("[data-testid=done-state]").TextContentAsync());
        var done = UseCaseLoader.Load(File).Plan!.Steps.Single(s => s.Name == "model").Done!;
        Assert.True(done.Override);
        Assert.Equal("経営会議で先行着手を承認", done.Reason);

        await model.Locator("[data-testid=undo]").ClickAsync();
        await page.Locator("[data-step=model][data-done=false]").WaitForAsync();
        Assert.Null(UseCaseLoader.Load(File).Plan!.Steps.Single(s => s.Name == "model").Done);

        var audit = await server.Store.Store.QueryAuditAsync(new AuditQuery(Subject: "use-case:telco-churn"));
        Assert.Equal(2, audit.Entries.Count(e => e.Action == "use-case.plan-step.done"));
        Assert.Single(audit.Entries, e => e.Action == "use-case.plan-step.undone");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
