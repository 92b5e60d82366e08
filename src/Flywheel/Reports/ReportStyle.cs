namespace Flywheel.Reports;

/// <summary>The one stylesheet every report inlines. The font stack lists CJK fonts so Japanese renders everywhere.</summary>
public static class ReportStyle
{
    public const string FontStack =
        "\"Noto Sans CJK JP\", \"Noto Sans JP\", \"Hiragino Sans\", \"Hiragino Kaku Gothic ProN\", \"Yu Gothic\", Meiryo, system-ui, -apple-system, \"Segoe UI\", sans-serif";

    public static readonly string Css = Template.Replace("{font-stack}", FontStack);

    private const string Template =
        """
        :root { color-scheme: light; }
        body { margin: 0; background: #f6f7f9; color: #1d2330; font-family: {font-stack}; line-height: 1.55; }
        main { max-width: 1040px; margin: 0 auto; padding: 24px 28px 64px; background: #fff; }
        header { border-bottom: 2px solid #2f5d8a; margin-bottom: 16px; }
        h1 { font-size: 1.7rem; margin: 8px 0 4px; }
        .subtitle { color: #5a6475; margin: 0 0 12px; }
        h2 { font-size: 1.3rem; margin: 32px 0 10px; border-bottom: 1px solid #dde2ea; padding-bottom: 4px; }
        h3, h4, h5, h6 { font-size: 1.08rem; margin: 22px 0 8px; }
        section > section { margin-left: 0; }
        .figures { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
        .figure { flex: 1 1 180px; border: 1px solid #dde2ea; border-radius: 6px; padding: 10px 14px; background: #fafbfc; }
        .figure .label { font-size: 0.85rem; color: #5a6475; }
        .figure .value { font-size: 1.45rem; font-weight: 600; font-variant-numeric: tabular-nums; }
        .figure .note { font-size: 0.8rem; color: #5a6475; }
        table { border-collapse: collapse; margin: 12px 0; font-size: 0.92rem; }
        caption { text-align: left; color: #5a6475; padding-bottom: 4px; }
        th, td { border-bottom: 1px solid #e4e8ee; padding: 4px 10px; text-align: left; vertical-align: top; }
        th { background: #f0f3f7; font-weight: 600; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.good { color: #1b7a3a; font-weight: 600; }
        td.warning { color: #9a6a00; }
        td.bad { color: #b3261e; font-weight: 600; }
        pre { background: #f3f5f8; border: 1px solid #e1e5eb; border-radius: 4px; padding: 10px 12px; overflow-x: auto; font-family: "Noto Sans Mono CJK JP", ui-monospace, Menlo, Consolas, monospace; font-size: 0.88rem; }
        figure { margin: 16px 0; }
        figure svg { max-width: 100%; height: auto; }
        figcaption { color: #5a6475; font-size: 0.88rem; }
        .callout { border-left: 4px solid #2f5d8a; background: #eef3f9; padding: 8px 12px; margin: 12px 0; }
        .callout.warning { border-color: #c98a00; background: #fdf6e3; }
        .callout.problem { border-color: #b3261e; background: #fbeceb; }

        """;
}
