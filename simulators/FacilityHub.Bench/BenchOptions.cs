namespace FacilityHub.Bench;

/// <summary>Where the servers are and how hard to push; see <c>deploy/bench.sh</c>.</summary>
internal sealed record BenchOptions
{
    public required string DataDir { get; init; }
    public required int MqttPort { get; init; }
    public required string InfluxUrl { get; init; }
    public required string Redis { get; init; }
    public required string TopologySmall { get; init; }
    public string? TopologyLarge { get; init; }
    public required string HubDll { get; init; }
    public required string ForwarderDll { get; init; }
    public double StartRate { get; init; } = 4000;
    public double Factor { get; init; } = 1.3;
    public double MaxRate { get; init; } = 200_000;
    public TimeSpan Step { get; init; } = TimeSpan.FromSeconds(8);
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(3);
    public int Faults { get; init; } = 140;
    /// <summary>Burst pipes on pumps of their own during the warm-up, reported apart: enough for the fault path's code to
    /// be compiled through its tiers (a method is recompiled after 30 calls, twice; NOTES.md, section (11)).</summary>
    public int WarmUpFaults { get; init; } = 100;
    /// <summary>Load before the first counted fault, with the warm-up's burst pipes spread over it.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>When set, only the fault -> work order phase runs, at this background rate (no rate steps, no memory phase).</summary>
    public double? LatencyRate { get; init; }
    public int Connections { get; init; } = 16;
    /// <summary>Only the memory figures (no rate steps, no faults, no raw forwarder).</summary>
    public bool MemoryOnly { get; init; }
    public int Seed { get; init; } = 7;
    public int ForwarderBatch { get; init; } = 5000;
}
