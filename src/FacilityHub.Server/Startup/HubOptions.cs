using System.ComponentModel.DataAnnotations;

namespace FacilityHub.Server.Startup;

/// <summary>Sections "Hub", "Redis", "Dispatch" and "Orleans" of the configuration.</summary>
public sealed class HubOptions
{
    /// <summary>Hub:TopologyFile — the estate (sites, buildings, equipment, kinds and rules).</summary>
    [Required] public string TopologyFile { get; set; } = "topology.json";

    /// <summary>Redis:ConnectionString — grain state, reminders and cluster membership.</summary>
    [Required] public string RedisConnectionString { get; set; } = "";

    /// <summary>Dispatch:Url — the dispatch system's gRPC endpoint.</summary>
    [Required] public string DispatchUrl { get; set; } = "";

    [Range(1, 65535)] public int SiloPort { get; set; } = 11111;
    [Range(1, 65535)] public int GatewayPort { get; set; } = 30000;

    public static HubOptions From(Microsoft.Extensions.Configuration.IConfiguration config) => new()
    {
        TopologyFile = config["Hub:TopologyFile"] ?? "topology.json",
        RedisConnectionString = config["Redis:ConnectionString"] ?? "",
        DispatchUrl = config["Dispatch:Url"] ?? "",
        SiloPort = config.GetValue("Orleans:SiloPort", 11111),
        GatewayPort = config.GetValue("Orleans:GatewayPort", 30000),
    };
}
