using FacilityHub.Domain.Topology;

namespace FacilityHub.Domain.Tests;

/// <summary>The topology shipped in deploy/, as the hub loads it.</summary>
public static class SampleEstate
{
    public static string Path
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "FacilityHub.sln"))) dir = dir.Parent;
            return System.IO.Path.Combine(dir?.FullName ?? throw new InvalidOperationException("FacilityHub.sln not found above the test binaries"), "deploy", "topology.json");
        }
    }

    public static Estate Load() => TopologyLoader.LoadFile(Path);
}
