using FacilityHub.Grains.Alarms;
using FacilityHub.Grains.WorkOrders;
using Orleans.Concurrency;

namespace FacilityHub.Grains.Sites;

/// <summary>A site (estate): the operators' lists of its alarms and work orders, kept up to date by the
/// alarm and work-order grains (which stay the source of truth), and the numbered stream of alarm changes.</summary>
[Alias("fh.ISiteGrain")]
public interface ISiteGrain : IGrainWithStringKey
{
    /// <summary>Takes the change in memory at once and completes when it is stored; changes arriving while the state
    /// is being written are stored together by the next write (group commit), hence interleaving.</summary>
    [Alias("UpsertAlarm"), AlwaysInterleave] Task UpsertAlarm(AlarmView alarm);
    [Alias("UpsertWorkOrder"), AlwaysInterleave] Task UpsertWorkOrder(WorkOrderView workOrder);
    [Alias("ListAlarms"), ReadOnly] Task<Page<AlarmView>> ListAlarms(AlarmQuery query);
    [Alias("ListWorkOrders"), ReadOnly] Task<Page<WorkOrderView>> ListWorkOrders(WorkOrderQuery query);

    /// <summary>Every order not signed off (closed or cancelled), oldest first.</summary>
    [Alias("ListOpenWorkOrders"), ReadOnly] Task<WorkOrderView[]> ListOpenWorkOrders();
    [Alias("FindAlarm"), ReadOnly] Task<AlarmView?> FindAlarm(string alarmId);

    /// <summary>Alarm-system KPIs (EEMUA 191) of the site over (<paramref name="from"/>, <paramref name="to"/>],
    /// at most <see cref="SiteGrain.ActivationsKeptFor"/> back; stale alarms as of <paramref name="to"/>.</summary>
    [Alias("GetAlarmKpis"), ReadOnly] Task<AlarmKpiView> GetAlarmKpis(DateTimeOffset from, DateTimeOffset to);

    /// <summary>Alarm changes after <paramref name="afterSequence"/>; waits up to <paramref name="wait"/> for one
    /// when there is none yet (an empty answer then). 0 asks for a snapshot.</summary>
    [Alias("WaitForAlarmChanges"), AlwaysInterleave] Task<AlarmChanges> WaitForAlarmChanges(long afterSequence, TimeSpan wait);
}
