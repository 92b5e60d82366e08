namespace Flywheel.Reports;

/// <summary>How loudly a callout speaks: an aside, something to check, or a problem.</summary>
public enum CalloutKind
{
    Info,
    Warning,
    Problem,
}
