namespace FacilityHub.FleetSimulator.Topology;

/// <summary>The topology file is missing, unreadable or describes something the simulator cannot publish.</summary>
public sealed class TopologyException : Exception
{
    public TopologyException(string message)
        : base(message)
    {
    }

    public TopologyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
