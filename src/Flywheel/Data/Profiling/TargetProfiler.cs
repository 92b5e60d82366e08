using Flywheel.Data.Sources;

namespace Flywheel.Data.Profiling;

/// <summary>The target's distribution and, for classification, how each feature is distributed within each class.</summary>
internal static class TargetProfiler
{
    public static TargetProfile Compute(DataSource source, AnalysisRoles roles, AssociationResult associations, ProfileOptions options)
    {
        var target = roles.Target!;
        var profile = roles.TargetProfile!;
        if (!roles.IsClassification)
            return new TargetProfile(target.Name, profile.Kind, false, profile.Missing, null, profile.Histogram, []) with { Task = roles.Task?.Task, TaskReason = roles.Task?.Reason };

        var classes = profile.Distinct <= options.MaxClasses && profile.TopValues is { } known && known.Count == profile.Distinct
            ? known
            : Distributions.TopValues(source, target, options.MaxClasses + 1);
        if (classes.Count > options.MaxClasses)
            return new TargetProfile(target.Name, profile.Kind, true, profile.Missing, classes.Take(options.MaxClasses).ToList(), null, []) with { Task = roles.Task?.Task, TaskReason = roles.Task?.Reason };

        var byClass = new List<FeatureByClass>();
        var binCounts = BinCountsByClass(source, target, roles);
        foreach (var feature in roles.NumericFeatures)
        {
            var bins = roles.Histograms[feature.Name].Bins.Count;
            var slices = classes.Select(cls =>
            {
                var m = associations.MomentsByClass[feature.Name].FirstOrDefault(group => group.Level == cls.Value).Moments;
                double? std = m.Count > 1 ? Math.Sqrt(m.PopulationVariance * m.Count / (m.Count - 1)) : null;
                return new ClassSlice(cls.Value, m.Count, m.Count > 0 ? m.Mean : null, std,
                    binCounts[feature.Name].TryGetValue(cls.Value, out var counts) ? counts : new long[bins], null);
            }).ToList();
            byClass.Add(new FeatureByClass(feature.Name, feature.Kind, slices));
        }
        foreach (var feature in roles.CategoricalFeatures)
        {
            var table = associations.ByClassTables[feature.Name];
            var top = roles.Profile(feature.Name).TopValues ?? [];
            var slices = classes.Select(cls =>
            {
                var values = top.Select(value => new ValueCount(value.Value, table.Count(value.Value, cls.Value))).ToList();
                var inClass = table.RowLevels.Sum(level => table.Count(level, cls.Value));
                return new ClassSlice(cls.Value, inClass, null, null, null, values);
            }).ToList();
            byClass.Add(new FeatureByClass(feature.Name, feature.Kind, slices));
        }
        return new TargetProfile(target.Name, profile.Kind, true, profile.Missing, classes, null, byClass, roles.Task?.Task, roles.Task?.Reason, roles.Positive);
    }

    /// <summary>For each numeric feature, per class: counts in the feature's own histogram bins — one grouped scan for all features.</summary>
    private static Dictionary<string, Dictionary<string, long[]>> BinCountsByClass(DataSource source, SourceColumn target, AnalysisRoles roles)
    {
        var features = roles.NumericFeatures;
        var edges = features.Select(feature =>
        {
            var bins = roles.Histograms[feature.Name].Bins;
            return bins.Select(bin => bin.Lower).Append(bins[^1].Upper).ToArray();
        }).ToList();
        var sets = features.Select((feature, i) => (IReadOnlyList<string>)[target.Sql, Distributions.BinOf(ColumnSummaries.Number(feature), edges[i])]).ToList();
        var groups = GroupCounts.Run(source, sets);
        var result = new Dictionary<string, Dictionary<string, long[]>>();
        for (var i = 0; i < features.Count; i++)
        {
            var perClass = new Dictionary<string, long[]>(StringComparer.Ordinal);
            foreach (var group in groups[i])
            {
                if (!perClass.TryGetValue(group.Keys[0], out var counts)) perClass[group.Keys[0]] = counts = new long[edges[i].Length - 1];
                counts[int.Parse(group.Keys[1], System.Globalization.CultureInfo.InvariantCulture)] += (long)(group.Values[0] ?? 0);
            }
            result[features[i].Name] = perClass;
        }
        return result;
    }
}
