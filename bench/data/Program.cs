using System.Diagnostics;
using DuckDB.NET.Data;

// The floor under `flywheel data diagnose`: DuckDB doing only what the pandas side does — sniff and load the CSV,
// describe every column (count, mean, std, min, quartiles, max; count, distinct, most frequent for text) and the
// Pearson matrix of the numeric columns — with nothing of Flywheel around it. Prints each step's wall time.
// Usage: dotnet Flywheel.Bench.Data.dll FILE.csv
var path = args.Length == 1 ? args[0] : throw new ArgumentException("usage: Flywheel.Bench.Data FILE.csv");
using var connection = new DuckDBConnection("DataSource=:memory:");
connection.Open();
var file = $"'{path.Replace("'", "''", StringComparison.Ordinal)}'";
var total = Stopwatch.StartNew();

Step("sniff", $"SELECT * FROM sniff_csv({file})");
Step("load", $"CREATE TABLE source AS SELECT * FROM read_csv({file}, auto_type_candidates = ['BIGINT', 'DOUBLE', 'VARCHAR'])");
var columns = new List<(string Name, bool Numeric)>();
using (var describe = connection.CreateCommand())
{
    describe.CommandText = "DESCRIBE source";
    using var reader = describe.ExecuteReader();
    while (reader.Read()) columns.Add((reader.GetString(0), reader.GetString(1) is "BIGINT" or "DOUBLE"));
}
string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
var numbers = columns.Where(c => c.Numeric).Select(c => $"CAST({Quote(c.Name)} AS DOUBLE)").ToList();
var texts = columns.Where(c => !c.Numeric).Select(c => Quote(c.Name)).ToList();
Step("describe numbers", "SELECT " + string.Join(", ", numbers.Select(x => $"count({x}), avg({x}), stddev_samp({x}), min({x}), max({x}), quantile_cont({x}, [0.25, 0.5, 0.75])")) + " FROM source");
if (texts.Count > 0)
    Step("describe text", "SELECT " + string.Join(", ", texts.Select(x => $"count({x}), count(DISTINCT {x}), mode({x})")) + " FROM source");
Step("missing", "SELECT " + string.Join(", ", columns.Select(c => $"count(*) - count({Quote(c.Name)})")) + " FROM source");
var pairs = Enumerable.Range(0, numbers.Count).SelectMany(i => Enumerable.Range(i + 1, numbers.Count - i - 1).Select(j => $"corr({numbers[i]}, {numbers[j]})")).ToList();
if (pairs.Count > 0) Step("corr", "SELECT " + string.Join(", ", pairs) + " FROM source");
Console.Error.WriteLine($"duckdb floor: {total.Elapsed.TotalSeconds:0.000} s in all");

void Step(string name, string sql)
{
    var clock = Stopwatch.StartNew();
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    using var reader = command.ExecuteReader();
    while (reader.Read()) { }
    Console.Error.WriteLine($"  {name,-18} {clock.Elapsed.TotalSeconds:0.000} s");
}
