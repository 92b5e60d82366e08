namespace Flywheel.Ui.Tests;

/// <summary>
/// A fact that needs Debian's chromium: skipped with the reason when <see cref="Browsers.Chromium"/> is missing, unless
/// the environment variable <c>CI</c> is set — then it runs and fails, so CI cannot silently lose the browser tests.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(Browsers.Chromium) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            Skip = $"browser test not run: {Browsers.Chromium} is missing (apt-get install chromium; with CI set, this test fails instead)";
    }
}

public static class Browsers
{
    public const string Chromium = "/usr/bin/chromium";
}
