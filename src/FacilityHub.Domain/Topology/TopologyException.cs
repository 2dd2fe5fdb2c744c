namespace FacilityHub.Domain.Topology;

/// <summary>The topology file is invalid; the message names the offending entry.</summary>
public sealed class TopologyException(string message, Exception? inner = null) : Exception(message, inner);
