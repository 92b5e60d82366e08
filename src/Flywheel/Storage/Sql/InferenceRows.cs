using Microsoft.EntityFrameworkCore;

namespace Flywheel.Storage.Sql;

/// <summary>An endpoint definition (the inference part's table <c>endpoints</c>).</summary>
internal sealed class EndpointRow
{
    public string Name { get; set; } = "";
    public string UseCaseFolder { get; set; } = "";
    public string ConfigJson { get; set; } = "";
    public string UpdatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }

    public EndpointRecord ToRecord() => new(Name, UseCaseFolder, ConfigJson, UpdatedBy, UpdatedAt);

    public static void Configure(ModelBuilder model) =>
        model.Entity<EndpointRow>(endpoint =>
        {
            endpoint.ToTable("endpoints");
            endpoint.HasKey(e => e.Name);
            endpoint.Property(e => e.Name).HasColumnName("name");
            endpoint.Property(e => e.UseCaseFolder).HasColumnName("use_case_folder");
            endpoint.Property(e => e.ConfigJson).HasColumnName("config");
            endpoint.Property(e => e.UpdatedBy).HasColumnName("updated_by");
            endpoint.Property(e => e.UpdatedAt).HasColumnName("updated_at");
        });
}
