using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Flywheel.Storage.Sql.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Inference : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "endpoints",
                columns: table => new
                {
                    name = table.Column<string>(type: "text", nullable: false),
                    use_case_folder = table.Column<string>(type: "text", nullable: false),
                    config = table.Column<string>(type: "text", nullable: false),
                    updated_by = table.Column<string>(type: "text", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_endpoints", x => x.name);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "endpoints");
        }
    }
}
