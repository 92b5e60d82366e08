using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Flywheel.Storage.Sql.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LiveRunsAuditRelocatable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "HeartbeatAt",
                table: "runs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Host",
                table: "runs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProcessId",
                table: "runs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    actor = table.Column<string>(type: "TEXT", nullable: false),
                    action = table.Column<string>(type: "TEXT", nullable: false),
                    subject = table.Column<string>(type: "TEXT", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    details = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_events", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_model_versions_ModelName_PackageId",
                table: "model_versions",
                columns: new[] { "ModelName", "PackageId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_events_subject",
                table: "audit_events",
                column: "subject");

            // Data, after the schema: versions point at their artifact by id (relative to the artifact root) instead
            // of an absolute path of the machine that trained them; "Completed" runs are now "Finished"; the audit
            // trail starts with the registrations and alias changes the store already holds.
            migrationBuilder.Sql("UPDATE model_versions SET \"PackagePath\" = \"PackageId\";");
            migrationBuilder.Sql("UPDATE runs SET \"Status\" = 'Finished' WHERE \"Status\" = 'Completed';");
            migrationBuilder.Sql(BackfillAudit);
        }

        private const string BackfillAudit = """
            INSERT INTO audit_events (actor, action, subject, at, details)
            SELECT actor, action, subject, at, details FROM (
                SELECT "RegisteredBy" AS actor, 'model.register' AS action, 'model:' || "ModelName" AS subject, "RegisteredAt" AS at,
                       '{"version":' || CAST("Version" AS TEXT) || ',"package":"' || "PackageId" || '","backfilled":true}' AS details
                FROM model_versions
                UNION ALL
                SELECT "Actor", CASE "Transition" WHEN 'Assigned' THEN 'alias.set' WHEN 'Moved' THEN 'alias.move' ELSE 'alias.remove' END,
                       'model:' || "ModelName", "At",
                       '{"alias":"' || "Alias" || '","from":' || COALESCE(CAST("FromVersion" AS TEXT), 'null') || ',"to":' || COALESCE(CAST("ToVersion" AS TEXT), 'null') || ',"backfilled":true}'
                FROM model_alias_events
            ) AS history
            ORDER BY at;
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropIndex(
                name: "IX_model_versions_ModelName_PackageId",
                table: "model_versions");

            migrationBuilder.DropColumn(
                name: "HeartbeatAt",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "Host",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "ProcessId",
                table: "runs");
        }
    }
}
