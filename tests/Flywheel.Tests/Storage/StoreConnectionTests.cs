using Flywheel.Storage;

namespace Flywheel.Tests.Storage;

public class StoreConnectionTests
{
    [Fact]
    public void Sqlite_spec_names_a_file()
    {
        var connection = StoreConnection.Parse("sqlite:/tmp/x/flywheel.db");

        Assert.Equal(new StoreConnection(StoreProvider.Sqlite, "Data Source=/tmp/x/flywheel.db"), connection);
        Assert.Equal("sqlite:/tmp/x/flywheel.db", connection.Describe());
    }

    [Fact]
    public void Npgsql_connection_string_picks_postgresql_and_its_description_hides_the_password()
    {
        var connection = StoreConnection.Parse("Host=db;Database=flywheel;Username=fw;Password=secret");

        Assert.Equal(StoreProvider.PostgreSql, connection.Provider);
        Assert.DoesNotContain("secret", connection.Describe());
        Assert.Contains("Host=db", connection.Describe());
    }

    [Theory]
    [InlineData("mysql://db")]
    [InlineData("sqlite:")]
    public void Anything_else_is_an_input_error_naming_the_variable(string spec)
    {
        var error = Assert.Throws<InputException>(() => StoreConnection.Parse(spec));

        Assert.Equal("FLYWHEEL_STORE", error.File);
    }

    [Fact]
    public void A_use_case_defaults_to_sqlite_in_its_flywheel_folder()
    {
        var connection = StoreConnection.ForUseCase("/work/churn", spec: "");

        Assert.Equal("Data Source=/work/churn/.flywheel/flywheel.db", connection.ConnectionString);
        Assert.Equal(StoreProvider.PostgreSql, StoreConnection.ForUseCase("/work/churn", "Host=db").Provider);
    }
}
