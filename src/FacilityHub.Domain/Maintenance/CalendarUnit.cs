namespace FacilityHub.Domain.Maintenance;

public enum CalendarUnit
{
    Day = 1,
    Week = 2,
    Month = 3,
}
