namespace FacilityHub.Domain.Topology;

public enum ConditionOperator
{
    Above,
    Below,
    Equals,
}
