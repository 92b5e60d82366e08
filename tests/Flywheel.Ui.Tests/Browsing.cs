using Microsoft.Playwright;

namespace Flywheel.Ui.Tests;

/// <summary>What every operate page test does in the browser: sign in, collect errors, check axe, read the first-paint timings.</summary>
internal static class Browsing
{
    /// <summary>
    /// A fresh browser context at <paramref name="width"/>×<paramref name="height"/> whose browser asks for <paramref name="locale"/>.
    /// Waits get 90 s, not Playwright's 30: CI runs the four test assemblies at once on 2 cores, and a cold server's
    /// first sign-in has been seen to take longer than 30 s there (it takes about 1 s alone).
    /// </summary>
    public static async Task<IPage> NewPageAsync(IBrowser browser, string baseUrl, string locale, int width, int height)
    {
        var context = await browser.NewContextAsync(new() { Locale = locale, ViewportSize = new() { Width = width, Height = height }, BaseURL = baseUrl });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Signs in with an API key (or, with <paramref name="userName"/>, a user's password). The wait for the page after it
    /// gets 180 s: a cold test server's first sign-in, with the four test assemblies on two cores, once took more than
    /// 90 s in CI (about 1 s alone). A sign-in that stays on /login fails with what the page says.
    /// </summary>
    public static async Task SignInAsync(IPage page, string secret, string? userName = null)
    {
        await page.GotoAsync("/login");
        if (userName is not null) await page.FillAsync("#user-name", userName);
        await page.FillAsync("#api-key", secret);
        await page.ClickAsync("button.primary");
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal), new() { Timeout = 180_000 });
        }
        catch (TimeoutException)
        {
            var said = page.Url.Contains("/login", StringComparison.Ordinal) ? await page.InnerTextAsync("body") : "";
            throw new TimeoutException($"signing in did not leave the login page within 180 s; it is at {page.Url} and says: {said}");
        }
    }

    public static List<string> CollectErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
        page.Response += (_, response) => { if (response.Status >= 400) errors.Add($"{response.Status} {response.Url}"); };
        return errors;
    }

    public static void AssertNoSeriousViolation(Deque.AxeCore.Commons.AxeResult result, string where)
    {
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{where}: " + string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }

    /// <summary>That the page does not scroll sideways; when it does, the message names the first elements that stick out (outside scrolled tables and charts).</summary>
    public static async Task AssertFitsAsync(IPage page, string where)
    {
        if (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")) return;
        var culprits = await page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !(e.parentElement && e.parentElement.closest('.table-scroll, .svg'))).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')");
        Assert.Fail($"{where} overflows sideways: {culprits}");
    }

    /// <summary>The server-rendered page's timings from the Navigation Timing and Paint Timing entries (measured, never asserted).</summary>
    // The paint entry can arrive after the load event, so it is awaited (buffered) rather than read once.
    public static Task<string> FirstPaintAsync(IPage page) => page.EvaluateAsync<string>("""
        () => new Promise(resolve => {
          const n = performance.getEntriesByType('navigation')[0];
          const report = p => resolve(`responseEnd ${n.responseEnd.toFixed(0)} ms, domContentLoaded ${n.domContentLoadedEventEnd.toFixed(0)} ms, first-contentful-paint ${p ? p.startTime.toFixed(0) + ' ms' : 'n/a'}`);
          new PerformanceObserver(list => { const p = list.getEntriesByName('first-contentful-paint')[0]; if (p) report(p); }).observe({ type: 'paint', buffered: true });
          setTimeout(() => report(null), 3000);
        })
        """);
}

/// <summary>A theory that needs Debian's chromium, skipped or failed exactly as <see cref="BrowserFactAttribute"/>.</summary>
public sealed class BrowserTheoryAttribute : TheoryAttribute
{
    public BrowserTheoryAttribute()
    {
        if (!File.Exists(Browsers.Chromium) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            Skip = $"browser test not run: {Browsers.Chromium} is missing (apt-get install chromium; with CI set, this test fails instead)";
    }
}
