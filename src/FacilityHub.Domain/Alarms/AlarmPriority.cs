namespace FacilityHub.Domain.Alarms;

/// <summary>ISA-18.2 alarm priority. Emergency alarms are the ones that raise work orders by default.</summary>
public enum AlarmPriority
{
    Emergency = 1,
    High = 2,
    Medium = 3,
    Low = 4,
}
