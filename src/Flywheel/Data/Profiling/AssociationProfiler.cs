using Flywheel.Data.Sources;

namespace Flywheel.Data.Profiling;

/// <summary>What the association step found, including the intermediate tables the target profile reuses.</summary>
internal sealed record AssociationResult(
    Associations Associations,
    Dictionary<string, List<(string Level, Statistics.GroupMoments Moments)>> MomentsByClass,
    Dictionary<string, ContingencyTable> ByClassTables,
    IReadOnlyList<string> Limits);

/// <summary>Chooses the measure for each pair of column kinds and runs the (batched) queries.</summary>
internal static class AssociationProfiler
{
    // Beyond this many numeric features the per-feature measures against the target are computed in memory.
    private const int WideColumns = 200;

    public static AssociationResult Compute(DataSource source, AnalysisRoles roles, ProfileOptions options)
    {
        var limits = new List<string>();
        // Pairs grow with the square of the columns: on wide data only the first columns are paired, and the profile says so.
        var paired = Capped(roles.NumericFeatures, options.MaxPairwiseNumeric, "numeric", "correlations", limits);
        var matrixColumns = paired.ToList();
        if (roles.IsRegression) matrixColumns.Add(roles.Target!);
        var pearson = AssociationQueries.PearsonMatrix(source, matrixColumns);

        // All categorical tables in one scan: feature pairs, and each feature against a categorical target.
        var pairs = new List<(SourceColumn Left, SourceColumn Right)>();
        var categorical = roles.CategoricalFeatures;
        var pairedCategorical = Capped(categorical, options.MaxPairwiseCategorical, "categorical", "Cramér's V", limits);
        for (var i = 0; i < pairedCategorical.Count; i++)
            for (var j = i + 1; j < pairedCategorical.Count; j++)
                pairs.Add((pairedCategorical[i], pairedCategorical[j]));
        var featurePairs = pairs.Count;
        if (roles.IsClassification) pairs.AddRange(categorical.Select(feature => (feature, roles.Target!)));
        var tables = AssociationQueries.Contingencies(source, pairs);
        var categoricalPairs = pairs.Take(featurePairs).Select((pair, i) => CramersV(pair.Left, pair.Right, tables[i])).ToList();

        var withTarget = new List<Association>();
        var separation = new List<SeparationScore>();
        var momentsByClass = new Dictionary<string, List<(string, Statistics.GroupMoments)>>();
        var byClassTables = new Dictionary<string, ContingencyTable>();
        if (roles.Target is { } target && roles.IsClassification)
        {
            var wide = WideQuantiles.Suits(source, roles.NumericFeatures.Count, WideColumns) ? WideAssociations.Read(source, target, roles.NumericFeatures) : null;
            momentsByClass = wide is null ? AssociationQueries.GroupMoments(source, target, roles.NumericFeatures) : WideAssociations.GroupMoments(wide, roles.NumericFeatures);
            foreach (var feature in roles.NumericFeatures)
            {
                var groups = momentsByClass[feature.Name].Select(group => group.Item2).ToList();
                withTarget.Add(new Association(feature.Name, target.Name, AssociationMeasure.CorrelationRatio, Statistics.CorrelationRatio(groups), groups.Sum(group => group.Count)));
            }
            for (var i = featurePairs; i < pairs.Count; i++)
            {
                withTarget.Add(CramersV(pairs[i].Left, target, tables[i]));
                byClassTables[pairs[i].Left.Name] = tables[i];
            }
            if (roles.Positive is { } positive)
            {
                separation.AddRange(roles.NumericFeatures.Select((feature, i) => new SeparationScore(feature.Name,
                    wide is null ? AssociationQueries.Auc(source, feature, target, positive) : WideAssociations.Auc(wide, i, positive))));
            }
        }
        else if (roles.Target is { } numericTarget && roles.IsRegression)
        {
            var correlations = AssociationQueries.PearsonWith(source, roles.NumericFeatures, numericTarget);
            for (var i = 0; i < roles.NumericFeatures.Count; i++)
            {
                if (correlations[i] is { } r)
                    withTarget.Add(new Association(roles.NumericFeatures[i].Name, numericTarget.Name, AssociationMeasure.Pearson, r, roles.TargetProfile!.Present));
            }
            var moments = AssociationQueries.MomentsByLevel(source, categorical, numericTarget);
            for (var i = 0; i < categorical.Count; i++)
            {
                var groups = moments[i].Select(group => group.Moments).ToList();
                withTarget.Add(new Association(categorical[i].Name, numericTarget.Name, AssociationMeasure.CorrelationRatio, Statistics.CorrelationRatio(groups), groups.Sum(group => group.Count)));
            }
        }

        var associations = new Associations(
            matrixColumns.Select(column => column.Name).ToList(),
            pearson.Select(row => (IReadOnlyList<double?>)row).ToList(),
            categoricalPairs,
            withTarget.OrderByDescending(association => association.Strength).ToList(),
            separation.OrderByDescending(score => score.Strength).ToList());
        return new AssociationResult(associations, momentsByClass, byClassTables, limits);
    }

    private static IReadOnlyList<SourceColumn> Capped(IReadOnlyList<SourceColumn> columns, int max, string kind, string measure, List<string> limits)
    {
        if (columns.Count <= max) return columns;
        limits.Add($"pairwise {measure} cover the first {max:N0} of {columns.Count:N0} {kind} columns (the pairs grow with the square of the columns); "
            + "every column is still measured against the target");
        return columns.Take(max).ToList();
    }

    private static Association CramersV(SourceColumn left, SourceColumn right, ContingencyTable table) =>
        new(left.Name, right.Name, AssociationMeasure.CramersV, Statistics.CramersV(table.Counts), table.N);
}
