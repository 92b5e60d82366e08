namespace Flywheel.Tests.Storage;

public class PostgresAvailabilityTests
{
    [SkippableWithoutPostgresFact]
    public void Contract_suites_also_run_against_postgresql()
    {
        // When this runs (the variable is set), every [Theory] over StoreKinds.All includes a "postgresql" row.
        Assert.Contains("postgresql", StoreKinds.All.Cast<object[]>().Select(row => (string)row[0]));
    }
}

/// <summary>Skipped, visibly, unless FLYWHEEL_TEST_POSTGRES names a PostgreSQL server to test against.</summary>
public sealed class SkippableWithoutPostgresFactAttribute : FactAttribute
{
    public SkippableWithoutPostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(StoreKinds.PostgresVariable)))
            Skip = $"PostgreSQL store contract not run: set {StoreKinds.PostgresVariable} to an Npgsql connection string (Host=...;Username=...;Password=...)";
    }
}
