namespace Flywheel.Storage.Sql;

// Database rows: shaped for the tables, converted to the domain records at the store's edge.

internal sealed class RunRow
{
    public Guid Id { get; set; }
    public string UseCase { get; set; } = "";
    public string Status { get; set; } = "";
    public int? Seed { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string? FailureReason { get; set; }

    /// <summary>Where the training process runs, so a later open can tell a live run from one whose process died.</summary>
    public string? Host { get; set; }
    public int? ProcessId { get; set; }
    public DateTimeOffset? HeartbeatAt { get; set; }

    public ExperimentRun ToRecord() =>
        new(Id, UseCase, Enum.Parse<RunStatus>(Status), Seed, StartedAt, FinishedAt, FailureReason)
        {
            Host = Host,
            ProcessId = ProcessId,
            HeartbeatAt = HeartbeatAt,
        };
}

internal sealed class TrialRow
{
    public long Id { get; set; }
    public Guid RunId { get; set; }
    public int Number { get; set; }
    public string Trainer { get; set; } = "";
    public string HyperparametersJson { get; set; } = "{}";
    public string MetricsJson { get; set; } = "{}";
    public long DurationTicks { get; set; }
    public int Seed { get; set; }
    public string Status { get; set; } = "";
    public string? Error { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    public Trial ToRecord() =>
        new(RunId, Number, Trainer, HyperparametersJson, MetricsJson, TimeSpan.FromTicks(DurationTicks), Seed,
            Enum.Parse<TrialStatus>(Status), Error, RecordedAt);
}

internal sealed class ModelVersionRow
{
    public long Id { get; set; }
    public string ModelName { get; set; } = "";
    public int Version { get; set; }
    public string PackageId { get; set; } = "";
    public string PackagePath { get; set; } = "";
    public string RegisteredBy { get; set; } = "";
    public DateTimeOffset RegisteredAt { get; set; }
    public Guid? RunId { get; set; }

    public ModelVersion ToRecord() => new(ModelName, Version, PackageId, PackagePath, RegisteredBy, RegisteredAt, RunId);
}

internal sealed class AliasRow
{
    public long Id { get; set; }
    public string ModelName { get; set; } = "";
    public string Alias { get; set; } = "";
    public int Version { get; set; }

    public ModelAlias ToRecord() => new(ModelName, Alias, Version);
}

internal sealed class AliasEventRow
{
    public long Id { get; set; }
    public string ModelName { get; set; } = "";
    public string Alias { get; set; } = "";
    public string Transition { get; set; } = "";
    public int? FromVersion { get; set; }
    public int? ToVersion { get; set; }
    public string Actor { get; set; } = "";
    public DateTimeOffset At { get; set; }

    public AliasEvent ToRecord() =>
        new(ModelName, Alias, Enum.Parse<AliasTransition>(Transition), FromVersion, ToVersion, Actor, At);
}

/// <summary>One append-only audit entry: who did what to which subject, when, with details as a JSON object.</summary>
internal sealed class AuditEventRow
{
    public long Id { get; set; }
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    public string Subject { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string DetailsJson { get; set; } = "{}";

    public AuditEvent ToRecord() => new(Actor, Action, Subject, At, DetailsJson) { Id = Id };
}

/// <summary>An API key: its public id, name, role and the SHA-256 of its secret (never the secret).</summary>
internal sealed class ApiKeyRow
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    public string Hash { get; set; } = "";
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public Access.ApiKey ToRecord() => new(Id, Name, Role, CreatedBy, CreatedAt, ExpiresAt, RevokedAt);
}
