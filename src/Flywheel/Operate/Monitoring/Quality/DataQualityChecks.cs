using Flywheel.Operate.Monitoring.Baselines;
using Flywheel.Operate.Monitoring.Windows;
using Flywheel.UseCases;

namespace Flywheel.Operate.Monitoring.Quality;

/// <summary>
/// Model Monitor's data-quality checks of a window against the baseline's constraints, each a <see cref="Violation"/>
/// with what was observed and the threshold it crossed: <c>missing_column_check</c> (rows lacking a field the model
/// reads), <c>extra_column_check</c> (fields no input reads, other than the declared id, sensitive and target columns),
/// <c>data_type_check</c> (share of non-numbers among a numeric column's values above <c>datatype_check_threshold</c>;
/// requests that did not parse at all, dataset-wide), <c>completeness_check</c> (completeness below the baseline's
/// minus <c>completeness_threshold</c>) and <c>categorical_values_check</c> (share of values outside the baseline's
/// domain above <c>domain_content_threshold</c>). <c>baseline_drift_check</c> comes from the drift results.
/// </summary>
public static class DataQualityChecks
{
    public static IReadOnlyList<Violation> Check(WindowRows window, IReadOnlyList<FeatureConstraint> constraints, MonitoringSection monitoring, IReadOnlySet<string> allowedExtras)
    {
        var violations = new List<Violation>();
        var evidence = window.Evidence;
        var rows = window.Count;
        var typeThreshold = monitoring.Threshold(MonitoringThresholds.DataType);

        if (evidence.Requests > 0 && evidence.UnparsedRequests > 0)
        {
            var share = (double)evidence.UnparsedRequests / evidence.Requests;
            if (share > typeThreshold)
                violations.Add(new Violation(null, CheckTypes.DataType,
                    $"{evidence.UnparsedRequests} of {evidence.Requests} requests could not be read with the model's input schema ({evidence.FirstError})", share, typeThreshold));
        }
        if (rows == 0) return violations;

        var byName = constraints.ToDictionary(c => c.Name, StringComparer.Ordinal);
        for (var i = 0; i < window.Spec.Inputs.Count; i++)
        {
            var input = window.Spec.Inputs[i];
            if (evidence.Absent[i] > 0)
            {
                var share = (double)evidence.Absent[i] / rows;
                violations.Add(new Violation(input.Name, CheckTypes.MissingColumn,
                    $"'{input.Name}' was absent from {evidence.Absent[i]} of {rows} rows ({share:P1}); the model reads it", share, 0));
            }
            var present = rows - evidence.Missing[i];
            if (input.Numeric && evidence.TypeErrors[i] > 0 && present > 0)
            {
                var share = (double)evidence.TypeErrors[i] / present;
                if (share > typeThreshold)
                    violations.Add(new Violation(input.Name, CheckTypes.DataType,
                        $"{share:P1} of the values of '{input.Name}' are not numbers ({evidence.TypeErrors[i]} of {present}); the baseline's type is {byName.GetValueOrDefault(input.Name)?.InferredType ?? "numeric"}", share, typeThreshold));
            }
            if (byName.GetValueOrDefault(input.Name) is not { } constraint) continue;
            var completeness = (double)(rows - evidence.Missing[i] - evidence.TypeErrors[i]) / rows;
            var floor = constraint.Completeness - monitoring.Threshold(MonitoringThresholds.Completeness);
            if (completeness < floor)
                violations.Add(new Violation(input.Name, CheckTypes.Completeness,
                    $"'{input.Name}' is {completeness:P1} complete; the baseline's is {constraint.Completeness:P1}", completeness, floor));
            if (constraint.Domain is { } domain && window.Texts[i] is { } texts)
            {
                long outside = 0, seen = 0;
                foreach (var text in texts)
                {
                    if (text is null) continue;
                    seen++;
                    if (!domain.Contains(text)) outside++;
                }
                var threshold = monitoring.Threshold(MonitoringThresholds.DomainContent);
                if (seen > 0 && (double)outside / seen > threshold)
                    violations.Add(new Violation(input.Name, CheckTypes.CategoricalValues,
                        $"{(double)outside / seen:P1} of the values of '{input.Name}' are outside the baseline's {domain.Count} values ({string.Join(", ", Unseen(texts, domain))})",
                        (double)outside / seen, threshold));
            }
        }
        foreach (var (name, count) in evidence.ExtraFields.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (allowedExtras.Contains(name)) continue;
            violations.Add(new Violation(name, CheckTypes.ExtraColumn,
                $"'{name}' came in {count} of {rows} rows; the model does not read it", (double)count / rows, 0));
        }
        return violations;
    }

    private static IEnumerable<string> Unseen(string?[] texts, IReadOnlySet<string> domain) =>
        texts.Where(t => t is not null && !domain.Contains(t)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Take(5).Select(t => $"'{t}'")!;
}
