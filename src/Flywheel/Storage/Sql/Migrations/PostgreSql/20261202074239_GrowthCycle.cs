using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Flywheel.Storage.Sql.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class GrowthCycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "feedback",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Endpoint = table.Column<string>(type: "text", nullable: false),
                    InferenceId = table.Column<string>(type: "text", nullable: false),
                    Actor = table.Column<string>(type: "text", nullable: false),
                    Verdict = table.Column<string>(type: "text", nullable: false),
                    Label = table.Column<string>(type: "text", nullable: true),
                    Comment = table.Column<string>(type: "text", nullable: true),
                    ModelVersion = table.Column<string>(type: "text", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AtMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_feedback", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "model_comparisons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UseCase = table.Column<string>(type: "text", nullable: false),
                    ModelName = table.Column<string>(type: "text", nullable: false),
                    ChampionVersion = table.Column<int>(type: "integer", nullable: true),
                    ChallengerVersion = table.Column<int>(type: "integer", nullable: false),
                    HoldoutFingerprint = table.Column<string>(type: "text", nullable: false),
                    ValuePerDayAdded = table.Column<double>(type: "double precision", nullable: true),
                    Json = table.Column<string>(type: "text", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_model_comparisons", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Endpoint = table.Column<string>(type: "text", nullable: false),
                    Check = table.Column<string>(type: "text", nullable: false),
                    Feature = table.Column<string>(type: "text", nullable: false),
                    Severity = table.Column<string>(type: "text", nullable: false),
                    Role = table.Column<string>(type: "text", nullable: false),
                    Message = table.Column<string>(type: "text", nullable: false),
                    EvidenceJson = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    FirstRunId = table.Column<long>(type: "bigint", nullable: false),
                    LastRunId = table.Column<long>(type: "bigint", nullable: false),
                    AcknowledgedBy = table.Column<string>(type: "text", nullable: true),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_monitoring_alerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "monitoring_runs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Endpoint = table.Column<string>(type: "text", nullable: false),
                    UseCase = table.Column<string>(type: "text", nullable: false),
                    Variant = table.Column<string>(type: "text", nullable: true),
                    WindowFrom = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WindowTo = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Rows = table.Column<long>(type: "bigint", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "text", nullable: false),
                    Violations = table.Column<int>(type: "integer", nullable: false),
                    DriftedFeatures = table.Column<int>(type: "integer", nullable: false),
                    DatasetDrifted = table.Column<bool>(type: "boolean", nullable: false),
                    Alerts = table.Column<int>(type: "integer", nullable: false),
                    ReportJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_monitoring_runs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "production_datasets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Endpoint = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Rows = table.Column<int>(type: "integer", nullable: false),
                    LabelCountsJson = table.Column<string>(type: "text", nullable: false),
                    Fingerprint = table.Column<string>(type: "text", nullable: false),
                    ArtifactId = table.Column<string>(type: "text", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_production_datasets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "promotion_approvals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ModelName = table.Column<string>(type: "text", nullable: false),
                    FromVersion = table.Column<int>(type: "integer", nullable: true),
                    ToVersion = table.Column<int>(type: "integer", nullable: false),
                    ComparisonId = table.Column<Guid>(type: "uuid", nullable: true),
                    ValuePerDayAdded = table.Column<double>(type: "double precision", nullable: true),
                    Override = table.Column<bool>(type: "boolean", nullable: false),
                    Reason = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<string>(type: "text", nullable: false),
                    Actor = table.Column<string>(type: "text", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_promotion_approvals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "review_intake",
                columns: table => new
                {
                    Endpoint = table.Column<string>(type: "text", nullable: false),
                    WatermarkMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_intake", x => x.Endpoint);
                });

            migrationBuilder.CreateTable(
                name: "review_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Endpoint = table.Column<string>(type: "text", nullable: false),
                    InferenceId = table.Column<string>(type: "text", nullable: false),
                    RowIndex = table.Column<int>(type: "integer", nullable: false),
                    EventId = table.Column<string>(type: "text", nullable: false),
                    Variant = table.Column<string>(type: "text", nullable: false),
                    ModelVersion = table.Column<string>(type: "text", nullable: false),
                    CapturedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CapturedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    QueuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Activation = table.Column<string>(type: "text", nullable: false),
                    FeaturesJson = table.Column<string>(type: "text", nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    SuggestedLabel = table.Column<string>(type: "text", nullable: false),
                    LabelsJson = table.Column<string>(type: "text", nullable: false),
                    Decision = table.Column<string>(type: "text", nullable: false),
                    ExplanationJson = table.Column<string>(type: "text", nullable: true),
                    State = table.Column<string>(type: "text", nullable: false),
                    ReviewersNeeded = table.Column<int>(type: "integer", nullable: false),
                    LeaseMs = table.Column<long>(type: "bigint", nullable: false),
                    Answers = table.Column<int>(type: "integer", nullable: false),
                    ClaimedBy = table.Column<string>(type: "text", nullable: true),
                    ClaimToken = table.Column<Guid>(type: "uuid", nullable: true),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClaimedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    LeaseUntilMs = table.Column<long>(type: "bigint", nullable: false),
                    Label = table.Column<string>(type: "text", nullable: true),
                    Agreement = table.Column<double>(type: "double precision", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "review_tallies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Endpoint = table.Column<string>(type: "text", nullable: false),
                    Day = table.Column<string>(type: "text", nullable: false),
                    Rows = table.Column<long>(type: "bigint", nullable: false),
                    Queued = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_tallies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "review_answers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemId = table.Column<long>(type: "bigint", nullable: false),
                    Reviewer = table.Column<string>(type: "text", nullable: false),
                    Label = table.Column<string>(type: "text", nullable: false),
                    Comment = table.Column<string>(type: "text", nullable: true),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedAtMs = table.Column<long>(type: "bigint", nullable: false),
                    DurationMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_answers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_review_answers_review_items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "review_items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_feedback_Endpoint_InferenceId_Actor",
                table: "feedback",
                columns: new[] { "Endpoint", "InferenceId", "Actor" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_model_comparisons_ModelName_ChallengerVersion",
                table: "model_comparisons",
                columns: new[] { "ModelName", "ChallengerVersion" });

            migrationBuilder.CreateIndex(
                name: "IX_model_comparisons_UseCase",
                table: "model_comparisons",
                column: "UseCase");

            migrationBuilder.CreateIndex(
                name: "IX_monitoring_alerts_Endpoint_Check_Feature",
                table: "monitoring_alerts",
                columns: new[] { "Endpoint", "Check", "Feature" });

            migrationBuilder.CreateIndex(
                name: "IX_monitoring_alerts_Endpoint_State",
                table: "monitoring_alerts",
                columns: new[] { "Endpoint", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_monitoring_runs_Endpoint",
                table: "monitoring_runs",
                column: "Endpoint");

            migrationBuilder.CreateIndex(
                name: "IX_production_datasets_Endpoint_Version",
                table: "production_datasets",
                columns: new[] { "Endpoint", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_promotion_approvals_ModelName",
                table: "promotion_approvals",
                column: "ModelName");

            migrationBuilder.CreateIndex(
                name: "IX_review_answers_ItemId_Reviewer",
                table: "review_answers",
                columns: new[] { "ItemId", "Reviewer" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_review_items_Endpoint_InferenceId_RowIndex",
                table: "review_items",
                columns: new[] { "Endpoint", "InferenceId", "RowIndex" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_review_items_Endpoint_State",
                table: "review_items",
                columns: new[] { "Endpoint", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_review_tallies_Endpoint_Day",
                table: "review_tallies",
                columns: new[] { "Endpoint", "Day" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "feedback");

            migrationBuilder.DropTable(
                name: "model_comparisons");

            migrationBuilder.DropTable(
                name: "monitoring_alerts");

            migrationBuilder.DropTable(
                name: "monitoring_runs");

            migrationBuilder.DropTable(
                name: "production_datasets");

            migrationBuilder.DropTable(
                name: "promotion_approvals");

            migrationBuilder.DropTable(
                name: "review_answers");

            migrationBuilder.DropTable(
                name: "review_intake");

            migrationBuilder.DropTable(
                name: "review_tallies");

            migrationBuilder.DropTable(
                name: "review_items");
        }
    }
}
