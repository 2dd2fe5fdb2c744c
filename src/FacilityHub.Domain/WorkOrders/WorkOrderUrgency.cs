using FacilityHub.Domain.Alarms;

namespace FacilityHub.Domain.WorkOrders;

/// <summary>Urgency classes of DOMAIN.md ("Repair and work-order rules").</summary>
public enum WorkOrderUrgency
{
    Emergency = 1,
    Major = 2,
    Normal = 3,
    Complex = 4,
}

public static class WorkOrderUrgencies
{
    /// <summary>An emergency alarm is an emergency order; a high-priority one a major fault; the rest normal.</summary>
    public static WorkOrderUrgency FromAlarmPriority(AlarmPriority priority) => priority switch
    {
        AlarmPriority.Emergency => WorkOrderUrgency.Emergency,
        AlarmPriority.High => WorkOrderUrgency.Major,
        _ => WorkOrderUrgency.Normal,
    };
}
