using Flywheel.Data.Sources;

namespace Flywheel.Data.Profiling;

/// <summary>The target's distribution and, for classification, how each feature is distributed within each class.</summary>
internal static class TargetProfiler
{
    public static TargetProfile Compute(DataSource source, AnalysisRoles roles, Dictionary<string, List<(string Level, Statistics.GroupMoments Moments)>> moments, ProfileOptions options)
    {
        var target = roles.Target!;
        var profile = roles.TargetProfile!;
        if (!roles.IsClassification)
            return new TargetProfile(target.Name, profile.Kind, false, profile.Missing, null, profile.Histogram, []);

        var classes = Distributions.TopValues(source, target, options.MaxClasses + 1);
        if (classes.Count > options.MaxClasses)
            return new TargetProfile(target.Name, profile.Kind, true, profile.Missing, classes.Take(options.MaxClasses).ToList(), null, []);

        var byClass = new List<FeatureByClass>();
        foreach (var feature in roles.NumericFeatures)
        {
            var histogram = roles.Histograms[feature.Name];
            var binCounts = BinCountsByClass(source, target, feature, histogram);
            var slices = classes.Select(cls =>
            {
                var found = moments[feature.Name].FirstOrDefault(group => group.Level == cls.Value);
                var m = found.Moments;
                double? std = m.Count > 1 ? Math.Sqrt(m.PopulationVariance * m.Count / (m.Count - 1)) : null;
                return new ClassSlice(cls.Value, m.Count, m.Count > 0 ? m.Mean : null, std,
                    binCounts.TryGetValue(cls.Value, out var counts) ? counts : new long[histogram.Bins.Count], null);
            }).ToList();
            byClass.Add(new FeatureByClass(feature.Name, feature.Kind, slices));
        }
        foreach (var feature in roles.CategoricalFeatures)
        {
            var top = roles.Profile(feature.Name).TopValues ?? [];
            var counts = source.Query(
                $"SELECT {ColumnSummaries.Text(target)}, {ColumnSummaries.Text(feature)}, count(*) FROM {DataSource.Relation} WHERE {target.Sql} IS NOT NULL AND {feature.Sql} IS NOT NULL GROUP BY ALL",
                reader => (Class: SqlValues.Text(reader, 0)!, Value: SqlValues.Text(reader, 1)!, Count: SqlValues.Long(reader, 2)));
            var slices = classes.Select(cls =>
            {
                var inClass = counts.Where(cell => cell.Class == cls.Value).ToList();
                var values = top.Select(value => new ValueCount(value.Value, inClass.FirstOrDefault(cell => cell.Value == value.Value).Count)).ToList();
                return new ClassSlice(cls.Value, inClass.Sum(cell => cell.Count), null, null, null, values);
            }).ToList();
            byClass.Add(new FeatureByClass(feature.Name, feature.Kind, slices));
        }
        return new TargetProfile(target.Name, profile.Kind, true, profile.Missing, classes, null, byClass);
    }

    private static Dictionary<string, long[]> BinCountsByClass(DataSource source, SourceColumn target, SourceColumn feature, Histogram histogram)
    {
        var edges = histogram.Bins.Select(bin => bin.Lower).Append(histogram.Bins[^1].Upper).ToArray();
        var x = ColumnSummaries.Number(feature);
        var result = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var (cls, bin, count) in source.Query(
            $"SELECT {ColumnSummaries.Text(target)}, {Distributions.BinOf(x, edges)} AS bin, count(*) FROM {DataSource.Relation} WHERE {x} IS NOT NULL AND {target.Sql} IS NOT NULL GROUP BY ALL",
            reader => (SqlValues.Text(reader, 0)!, (int)SqlValues.Long(reader, 1), SqlValues.Long(reader, 2))))
        {
            if (!result.TryGetValue(cls, out var counts)) result[cls] = counts = new long[histogram.Bins.Count];
            counts[bin] += count;
        }
        return result;
    }
}
