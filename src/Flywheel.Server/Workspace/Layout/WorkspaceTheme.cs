using Flywheel.Reports;
using MudBlazor;

namespace Flywheel.Server.Workspace.Layout;

/// <summary>MudBlazor's theme with the reports' font stack (<see cref="ReportStyle.FontStack"/>), so Japanese renders in Noto Sans CJK as in the reports.</summary>
public static class WorkspaceTheme
{
    public static readonly string[] FontFamily = ReportStyle.FontStack.Split(',').Select(font => font.Trim().Trim('"')).ToArray();

    public static readonly MudTheme Theme = new()
    {
        Typography = new Typography { Default = new DefaultTypography { FontFamily = FontFamily } },
    };
}
