namespace FacilityHub.Domain.Topology;

/// <summary>Who lives where a home alarm point is installed, for customer service's calls: personal data
/// (DOMAIN.md "Confidentiality"). Kept in <see cref="Estate"/> apart from <see cref="EquipmentItem"/>, whose fields
/// go into logs, InfluxDB tags and work orders, so none of those paths can reach it.</summary>
public sealed record ResidentContact(string Name, string Phone)
{
    /// <summary>Redacted: a contact interpolated into a log line or an exception by mistake shows nothing.</summary>
    public override string ToString() => "ResidentContact { (personal data, not shown) }";
}
