using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Flywheel.Storage.Sql.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Retrain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "model_comparisons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UseCase = table.Column<string>(type: "TEXT", nullable: false),
                    ModelName = table.Column<string>(type: "TEXT", nullable: false),
                    ChampionVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    ChallengerVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    HoldoutFingerprint = table.Column<string>(type: "TEXT", nullable: false),
                    ValuePerDayAdded = table.Column<double>(type: "REAL", nullable: true),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_model_comparisons", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "production_datasets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Endpoint = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Since = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Until = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false),
                    LabelCountsJson = table.Column<string>(type: "TEXT", nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", nullable: false),
                    ArtifactId = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_production_datasets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "promotion_approvals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ModelName = table.Column<string>(type: "TEXT", nullable: false),
                    FromVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    ToVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    ComparisonId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ValuePerDayAdded = table.Column<double>(type: "REAL", nullable: true),
                    Override = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_promotion_approvals", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_model_comparisons_ModelName_ChallengerVersion",
                table: "model_comparisons",
                columns: new[] { "ModelName", "ChallengerVersion" });

            migrationBuilder.CreateIndex(
                name: "IX_model_comparisons_UseCase",
                table: "model_comparisons",
                column: "UseCase");

            migrationBuilder.CreateIndex(
                name: "IX_production_datasets_Endpoint_Version",
                table: "production_datasets",
                columns: new[] { "Endpoint", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_promotion_approvals_ModelName",
                table: "promotion_approvals",
                column: "ModelName");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "model_comparisons");

            migrationBuilder.DropTable(
                name: "production_datasets");

            migrationBuilder.DropTable(
                name: "promotion_approvals");
        }
    }
}
