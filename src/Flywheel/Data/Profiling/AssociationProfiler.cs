using Flywheel.Data.Sources;

namespace Flywheel.Data.Profiling;

/// <summary>Chooses the measure for each pair of column kinds and runs the queries.</summary>
internal static class AssociationProfiler
{
    public static (Associations Associations, Dictionary<string, List<(string Level, Statistics.GroupMoments Moments)>> ByClass) Compute(DataSource source, AnalysisRoles roles, ProfileOptions options)
    {
        var matrixColumns = roles.NumericFeatures.ToList();
        if (roles.IsRegression) matrixColumns.Add(roles.Target!);
        var pearson = AssociationQueries.PearsonMatrix(source, matrixColumns);

        var categoricalPairs = new List<Association>();
        for (var i = 0; i < roles.CategoricalFeatures.Count; i++)
        {
            for (var j = i + 1; j < roles.CategoricalFeatures.Count; j++)
                categoricalPairs.Add(CramersV(source, roles.CategoricalFeatures[i], roles.CategoricalFeatures[j]));
        }

        var withTarget = new List<Association>();
        var separation = new List<SeparationScore>();
        var byClass = new Dictionary<string, List<(string, Statistics.GroupMoments)>>();
        if (roles.Target is { } target)
        {
            if (roles.IsClassification)
            {
                byClass = AssociationQueries.GroupMoments(source, target, roles.NumericFeatures);
                foreach (var feature in roles.NumericFeatures)
                {
                    var groups = byClass[feature.Name];
                    withTarget.Add(new Association(feature.Name, target.Name, AssociationMeasure.CorrelationRatio,
                        Statistics.CorrelationRatio(groups.Select(group => group.Item2).ToList()), groups.Sum(group => group.Item2.Count)));
                }
                foreach (var feature in roles.CategoricalFeatures) withTarget.Add(CramersV(source, feature, target));
                if (roles.TargetProfile!.Distinct == 2)
                {
                    var positive = PositiveClass(source, roles);
                    separation.AddRange(roles.NumericFeatures.Select(feature => new SeparationScore(feature.Name, AssociationQueries.Auc(source, feature, target, positive))));
                }
            }
            else if (roles.IsRegression)
            {
                var targetIndex = matrixColumns.Count - 1;
                for (var i = 0; i < roles.NumericFeatures.Count; i++)
                {
                    if (pearson[i][targetIndex] is { } r)
                        withTarget.Add(new Association(roles.NumericFeatures[i].Name, target.Name, AssociationMeasure.Pearson, r, roles.TargetProfile!.Present));
                }
                foreach (var feature in roles.CategoricalFeatures)
                {
                    var groups = AssociationQueries.GroupMoments(source, feature, [target])[target.Name];
                    withTarget.Add(new Association(feature.Name, target.Name, AssociationMeasure.CorrelationRatio,
                        Statistics.CorrelationRatio(groups.Select(group => group.Moments).ToList()), groups.Sum(group => group.Moments.Count)));
                }
            }
        }

        var associations = new Associations(
            matrixColumns.Select(column => column.Name).ToList(),
            pearson.Select(row => (IReadOnlyList<double?>)row).ToList(),
            categoricalPairs,
            withTarget.OrderByDescending(association => association.Strength).ToList(),
            separation.OrderByDescending(score => score.Strength).ToList());
        return (associations, byClass);
    }

    /// <summary>The declared positive class if it occurs, else the rarer of the two classes.</summary>
    public static string PositiveClass(DataSource source, AnalysisRoles roles)
    {
        var classes = roles.TargetProfile!.TopValues ?? [];
        if (source.Spec.Positive is { } declared && classes.Any(value => value.Value == declared)) return declared;
        return classes.OrderBy(value => value.Count).ThenBy(value => value.Value, StringComparer.Ordinal).First().Value;
    }

    private static Association CramersV(DataSource source, SourceColumn left, SourceColumn right)
    {
        var (table, n) = AssociationQueries.Contingency(source, left, right);
        return new Association(left.Name, right.Name, AssociationMeasure.CramersV, Statistics.CramersV(table), n);
    }
}
