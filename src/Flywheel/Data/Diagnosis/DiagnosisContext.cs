using Flywheel.Data.Profiling;

namespace Flywheel.Data.Diagnosis;

/// <summary>What a rule may look at: the profile (rules run no queries of their own) and which column is the target.</summary>
public sealed record DiagnosisContext(DataProfile Profile)
{
    public TargetProfile? Target => Profile.Target;

    /// <summary>Columns other than the target.</summary>
    public IEnumerable<ColumnProfile> Features => Profile.Columns.Where(column => column.Name != Target?.Name);

    public static double Round(double value, int digits = 4) => Math.Round(value, digits, MidpointRounding.AwayFromZero);

    public static string Percent(double fraction) => (fraction * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
