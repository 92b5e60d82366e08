// The C# side of bench/models (run by bench.py, or by hand):
//   Flywheel.Bench.Models PACKAGE_DIR INPUT.csv OUTPUT.csv   the PredictionEngine baseline; prints one JSON object
//   Flywheel.Bench.Models profile PACKAGE_DIR INPUT.csv      where batch scoring spends its CPU
using System.Text.Json;
using Flywheel.Bench.Models;

switch (args)
{
    case ["profile", var package, var input]:
        ScoringProfile.Run(package, input, Console.Out);
        return 0;
    case [var package, var input, var output]:
        var result = EngineLoop.Run(package, input, output);
        Console.WriteLine(JsonSerializer.Serialize(new { rows = result.Rows, seconds = result.Seconds, rowsPerSecond = result.RowsPerSecond }));
        return 0;
    default:
        Console.Error.WriteLine("usage: Flywheel.Bench.Models PACKAGE_DIR INPUT.csv OUTPUT.csv | profile PACKAGE_DIR INPUT.csv");
        return 2;
}
