using Flywheel.Data.Diagnosis;
using Flywheel.UseCases;

namespace Flywheel.Operate.Monitoring.Alerts;

/// <summary>
/// Whom an alert asks: <c>monitoring.owners[feature]</c> (for a bias alert <c>column:metric</c>, the column too), else
/// <c>monitoring.owners[check]</c>, else the default of its check — data quality and drift go to the data engineer,
/// model quality and attribution to the data scientist, bias to the model risk manager, realized value to the use
/// case's <c>owner</c> (else the product manager).
/// </summary>
public static class AlertRoles
{
    public static string For(string check, string? feature, UseCase useCase)
    {
        var owners = useCase.MonitoringOrDefault.Owners;
        if (feature is not null)
        {
            if (owners.TryGetValue(feature, out var byFeature)) return byFeature;
            var column = feature.Split(':')[0];
            if (owners.TryGetValue(column, out var byColumn)) return byColumn;
        }
        if (owners.TryGetValue(check, out var byCheck)) return byCheck;
        return Default(check, useCase.Owner);
    }

    public static string Default(string check, string? useCaseOwner) => check switch
    {
        CheckTypes.ModelQuality or CheckTypes.AttributionDrift => AskRoles.DataScientist,
        CheckTypes.BiasDrift => AskRoles.ModelRiskManager,
        CheckTypes.RealizedValue => string.IsNullOrWhiteSpace(useCaseOwner) ? AskRoles.ProductManager : useCaseOwner,
        _ => AskRoles.DataEngineer,
    };
}
