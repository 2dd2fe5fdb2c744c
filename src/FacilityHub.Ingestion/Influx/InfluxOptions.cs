using System.ComponentModel.DataAnnotations;

namespace FacilityHub.Ingestion.Influx;

/// <summary>Section "Influx".</summary>
public sealed class InfluxOptions
{
    public const string Section = "Influx";

    /// <summary>e.g. http://127.0.0.1:8086</summary>
    [Required] public string Url { get; set; } = "";

    /// <summary>Database (1.x) or bucket (2.x/3.x).</summary>
    [Required] public string Database { get; set; } = "facilityhub";

    public string Org { get; set; } = "facilityhub";
    public string? Token { get; set; }

    /// <summary>True for InfluxDB before 1.8, which has no /api/v2/write: writes go to /write?db= instead.</summary>
    public bool V1Write { get; set; } = true;

    [Range(1, 100_000)] public int BatchSize { get; set; } = 5000;
    [Range(10, 60_000)] public int FlushIntervalMs { get; set; } = 200;

    /// <summary>Where points InfluxDB did not take wait to be written again (relative: beside the hub's binaries).</summary>
    [Required] public string SpoolDirectory { get; set; } = "influx-spool";
}
