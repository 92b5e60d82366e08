using Microsoft.ML.Data;

namespace Flywheel.Bench.Models;

/// <summary>
/// One mlc_churn row as a typed ML.NET input, the way a hand-written PredictionEngine client declares it:
/// numeric columns as Single, the others as text (the raw schema Flywheel's model reads).
/// </summary>
public sealed class ChurnInput
{
    [ColumnName("state")] public string State { get; set; } = "";
    [ColumnName("account_length")] public float AccountLength { get; set; }
    [ColumnName("area_code")] public string AreaCode { get; set; } = "";
    [ColumnName("international_plan")] public string InternationalPlan { get; set; } = "";
    [ColumnName("voice_mail_plan")] public string VoiceMailPlan { get; set; } = "";
    [ColumnName("number_vmail_messages")] public float NumberVmailMessages { get; set; }
    [ColumnName("total_day_minutes")] public float TotalDayMinutes { get; set; }
    [ColumnName("total_day_calls")] public float TotalDayCalls { get; set; }
    [ColumnName("total_day_charge")] public float TotalDayCharge { get; set; }
    [ColumnName("total_eve_minutes")] public float TotalEveMinutes { get; set; }
    [ColumnName("total_eve_calls")] public float TotalEveCalls { get; set; }
    [ColumnName("total_eve_charge")] public float TotalEveCharge { get; set; }
    [ColumnName("total_night_minutes")] public float TotalNightMinutes { get; set; }
    [ColumnName("total_night_calls")] public float TotalNightCalls { get; set; }
    [ColumnName("total_night_charge")] public float TotalNightCharge { get; set; }
    [ColumnName("total_intl_minutes")] public float TotalIntlMinutes { get; set; }
    [ColumnName("total_intl_calls")] public float TotalIntlCalls { get; set; }
    [ColumnName("total_intl_charge")] public float TotalIntlCharge { get; set; }
    [ColumnName("number_customer_service_calls")] public float NumberCustomerServiceCalls { get; set; }
}

/// <summary>What the binary chain adds: the calibrated probability of the positive class.</summary>
public sealed class ChurnScore
{
    public float Probability { get; set; }
}
