using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Flywheel.Storage.Sql;

// One context type per provider, so each has its own migrations (Migrations/Sqlite, Migrations/PostgreSql): the SQL
// differs (identity columns, timestamp types), the model does not.

internal sealed class SqliteFlywheelContext(DbContextOptions<SqliteFlywheelContext> options) : FlywheelDbContext(options);

internal sealed class PostgreSqlFlywheelContext(DbContextOptions<PostgreSqlFlywheelContext> options) : FlywheelDbContext(options);

/// <summary>For <c>dotnet ef migrations add … --context SqliteFlywheelContext</c>; never connects.</summary>
internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteFlywheelContext>
{
    public SqliteFlywheelContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteFlywheelContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>For <c>dotnet ef migrations add … --context PostgreSqlFlywheelContext</c>; never connects.</summary>
internal sealed class PostgreSqlDesignFactory : IDesignTimeDbContextFactory<PostgreSqlFlywheelContext>
{
    public PostgreSqlFlywheelContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlFlywheelContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
