using Flywheel.Data.Splits;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Flywheel.Tests.Data.Splits;

public class SplitterTests
{
    private static readonly SplitFractions Default = new(0.7, 0.2, 0.1);

    private static SplitAssignment Random(int rows, int seed, SplitFractions? fractions = null) =>
        Splitter.Assign(new SplitSettings(fractions ?? Default, seed, SplitStrategy.Random, null), SplitKeys.ForRows(rows), "data");

    [Fact]
    public void Random_split_sizes_follow_the_fractions_by_largest_remainder()
    {
        var assignment = Random(101, 7);
        // 101 × (0.7, 0.2, 0.1) = 70.7, 20.2, 10.1 → floors 70, 20, 10 and the one leftover row to train (largest remainder .7).
        Assert.Equal(71, assignment.Count(SplitName.Train));
        Assert.Equal(20, assignment.Count(SplitName.Validation));
        Assert.Equal(10, assignment.Count(SplitName.Test));
    }

    [Fact]
    public void Same_seed_gives_the_same_assignment_and_fingerprint_a_different_seed_does_not()
    {
        var first = Random(500, 1729);
        var again = Random(500, 1729);
        var other = Random(500, 1730);
        Assert.Equal(first.Rows, again.Rows);
        Assert.Equal(first.Fingerprint, again.Fingerprint);
        Assert.NotEqual(first.Rows, other.Rows);
        Assert.NotEqual(first.Fingerprint, other.Fingerprint);
    }

    [Fact]
    public void Assignment_is_independent_of_thread_scheduling()
    {
        var expected = Random(2000, 42).Rows;
        var results = new IReadOnlyList<SplitName>[16];
        Parallel.For(0, results.Length, i => results[i] = Random(2000, 42).Rows);
        Assert.All(results, rows => Assert.Equal(expected, rows));
    }

    [Fact]
    public void Fingerprint_changes_with_the_data_fingerprint_and_the_settings()
    {
        var settings = new SplitSettings(Default, 1, SplitStrategy.Random, null);
        var a = Splitter.Assign(settings, SplitKeys.ForRows(50), "data-a");
        var b = Splitter.Assign(settings, SplitKeys.ForRows(50), "data-b");
        Assert.Equal(a.Rows, b.Rows);
        Assert.NotEqual(a.Fingerprint, b.Fingerprint);
        Assert.Matches("^[0-9a-f]{64}$", a.Fingerprint);
    }

    [Fact]
    public void Fingerprint_is_sha256_of_the_documented_canonical_bytes()
    {
        var settings = new SplitSettings(new SplitFractions(0.5, 0.25, 0.25), 3, SplitStrategy.Random, null);
        SplitName[] rows = [SplitName.Test, SplitName.Train];
        var bytes = System.Text.Encoding.UTF8.GetBytes("flywheel-split-v1\nabc\ntrain=0.5;validation=0.25;test=0.25;seed=3;strategy=Random;column=\n")
            .Concat(new byte[] { 2, 0 }).ToArray();
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        Assert.Equal(expected, SplitFingerprint.Compute("abc", settings, rows));
    }

    private static readonly SplitFractions[] SomeFractions =
        [Default, new(0.6, 0.3, 0.1), new(1.0 / 3, 1.0 / 3, 1.0 / 3), new(0.8, 0.1, 0.1), new(0.55, 0.45, 0)];

    [Property(MaxTest = 1000)]
    public Property Stratified_split_keeps_every_class_within_one_row_of_exact_and_split_sizes_exact(PositiveInt seed, NonEmptyArray<byte> labelBytes)
    {
        var fractions = SomeFractions[seed.Get % SomeFractions.Length];
        var labels = labelBytes.Get.Select(b => (string?)((b % 7).ToString())).ToList();
        var settings = new SplitSettings(fractions, seed.Get, SplitStrategy.Stratified, "y");
        var assignment = Splitter.Assign(settings, new SplitKeys(labels.Count, Labels: labels), "d");
        var ok = labels.Distinct().All(label =>
        {
            var rows = Enumerable.Range(0, labels.Count).Where(r => labels[r] == label).ToList();
            return SplitNames.All.All(split =>
                Math.Abs(rows.Count(r => assignment[r] == split) - rows.Count * fractions[split]) < 1.0 + 1e-9);
        });
        var sizesOk = SplitNames.All.Select(assignment.Count).SequenceEqual(fractions.Allocate(labels.Count));
        return (ok && sizesOk).ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property Grouped_split_never_puts_a_group_in_two_splits(PositiveInt seed, NonEmptyArray<byte> groupBytes)
    {
        var groups = groupBytes.Get.Select(b => (string?)$"g{b % 17}").ToList();
        var assignment = Splitter.Assign(new SplitSettings(Default, seed.Get, SplitStrategy.Grouped, "g"), new SplitKeys(groups.Count, Groups: groups), "d");
        var splitsPerGroup = Enumerable.Range(0, groups.Count).GroupBy(r => groups[r]).Select(g => g.Select(r => assignment[r]).Distinct().Count());
        return splitsPerGroup.All(count => count == 1).ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property Time_split_never_has_a_later_date_in_train_than_in_validation_or_test(NonEmptyArray<byte> dayBytes)
    {
        var times = dayBytes.Get.Select(b => new DateTime(2024, 1, 1).AddDays(b % 40)).ToList();
        var assignment = Splitter.Assign(new SplitSettings(Default, 1, SplitStrategy.TimeOrdered, "date"), new SplitKeys(times.Count, Times: times), "d");
        DateTime? Max(SplitName split) => Enumerable.Range(0, times.Count).Where(r => assignment[r] == split).Select(r => (DateTime?)times[r]).Max();
        DateTime? Min(SplitName split) => Enumerable.Range(0, times.Count).Where(r => assignment[r] == split).Select(r => (DateTime?)times[r]).Min();
        bool Before(DateTime? late, DateTime? early) => late is null || early is null || late < early;
        // Ties stay in one split, so the order between splits is strict.
        return (Before(Max(SplitName.Train), Min(SplitName.Validation)) && Before(Max(SplitName.Train), Min(SplitName.Test))
                && Before(Max(SplitName.Validation), Min(SplitName.Test))).ToProperty();
    }

    [Fact]
    public void Time_split_keeps_rows_of_the_same_timestamp_together_and_follows_the_fractions()
    {
        // 10 rows on 10 distinct days, given out of order: the 7 earliest train, next 2 validation, last test.
        var days = new[] { 9, 0, 8, 1, 7, 2, 6, 3, 5, 4 };
        var times = days.Select(d => new DateTime(2024, 1, 1).AddDays(d)).ToList();
        var assignment = Splitter.Assign(new SplitSettings(Default, 1, SplitStrategy.TimeOrdered, "date"), new SplitKeys(10, Times: times), "d");
        var expected = days.Select(d => d < 7 ? SplitName.Train : d < 9 ? SplitName.Validation : SplitName.Test);
        Assert.Equal(expected, assignment.Rows);
    }

    [Theory]
    [InlineData(0.7, 0.2, 0.2, "add up to 1")]
    [InlineData(1.2, -0.1, -0.1, "'data.split.train' must be a fraction")]
    [InlineData(0.0, 0.5, 0.5, "'data.split.train' must be more than 0")]
    public void Bad_fractions_are_input_errors(double train, double validation, double test, string message)
    {
        var error = Assert.Throws<InputException>(() => Random(10, 1, new SplitFractions(train, validation, test)));
        Assert.Contains(message, error.Message);
    }
}

public class SplitSpecReadingTests
{
    private static string Yaml(string split) => $"name: x\nstatement: s\ndata:\n  source: d.csv\n  target: y\n  split: {split}\n";

    [Fact]
    public void Split_settings_are_read_with_the_time_column()
    {
        var spec = Flywheel.UseCases.UseCaseLoader.Parse(Yaml("{ train: 0.6, validation: 0.2, test: 0.2, seed: 5, time: day }"), "f.yaml").Data!.Split;
        Assert.Equal(new Flywheel.UseCases.SplitSpec(0.6, 0.2, 0.2, 5, true, null, "day"), spec);
        var settings = SplitSettings.From(spec, "y", classification: true);
        Assert.Equal(SplitStrategy.TimeOrdered, settings.Strategy);
        Assert.Equal("day", settings.Column);
    }

    [Theory]
    [InlineData("{ train: 0.7, validation: 0.2, test: 0.2 }", 6, "'data.split' fractions must add up to 1, not 1.1")]
    [InlineData("{ train: 1.2, validation: -0.1, test: -0.1 }", 6, "'data.split.train' is a fraction between 0 and 1, not 1.2")]
    public void Bad_fractions_in_the_file_name_the_line(string split, int line, string message)
    {
        var error = Assert.Throws<InputException>(() => Flywheel.UseCases.UseCaseLoader.Parse(Yaml(split), "f.yaml"));
        Assert.StartsWith(message, error.Message);
        Assert.Equal(("f.yaml", line), (error.File, error.Line));
    }
}
