using System.Diagnostics.Metrics;
using FacilityHub.Domain.Topology;
using FacilityHub.Grains.Sites;

namespace FacilityHub.Server.Alarms;

/// <summary>
/// Alarm-system KPIs as metrics (meter "FacilityHub.Alarms"), one measurement per site (tag <c>site</c>): gauges of
/// activations in the last 10 minutes, chattering and stale alarms (over the last 24 h) and whether the site is in
/// flood, and a counter of activations. The sites' grains are asked at most once per <see cref="CacheFor"/>,
/// however often the metrics are collected.
/// </summary>
public sealed partial class AlarmMetrics : IDisposable
{
    public const string MeterName = "FacilityHub.Alarms";
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    // A collection waits this long for fresh figures, then reports the previous ones: a slow silo never hangs it.
    private static readonly TimeSpan RefreshWait = TimeSpan.FromSeconds(2);

    private readonly Meter _meter = new(MeterName);
    private readonly Estate _estate;
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly ILogger<AlarmMetrics> _logger;
    private readonly Lock _lock = new();
    private IReadOnlyList<(string Site, AlarmKpiView Kpis)> _latest = [];
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;
    private Task? _refresh;

    public AlarmMetrics(Estate estate, IGrainFactory grains, TimeProvider time, ILogger<AlarmMetrics> logger)
    {
        (_estate, _grains, _time, _logger) = (estate, grains, time, logger);
        _meter.CreateObservableGauge("facilityhub.alarms.last_10_minutes", () => Measure(k => k.InLatestInterval),
            unit: "{activation}", description: "Alarm activations in the last 10 minutes, per site");
        _meter.CreateObservableGauge("facilityhub.alarms.chattering", () => Measure(k => k.Chattering.Length),
            unit: "{alarm}", description: "Alarms with 3 or more activations within 60 s in the last 24 h, per site");
        _meter.CreateObservableGauge("facilityhub.alarms.stale", () => Measure(k => k.Stale.Length),
            unit: "{alarm}", description: "Alarms active for more than 24 h, per site");
        _meter.CreateObservableGauge("facilityhub.alarms.flood_active", () => Measure(k => k.FloodActive ? 1 : 0),
            description: "1 while the site has more than 10 activations in the last 10 minutes, else 0");
        _meter.CreateObservableCounter("facilityhub.alarms.activations", () => Measure(k => k.ActivationsRecorded),
            unit: "{activation}", description: "Alarm activations (new occurrences) logged by the site");
    }

    public void Dispose() => _meter.Dispose();

    private List<Measurement<long>> Measure(Func<AlarmKpiView, long> value) =>
        [.. Current().Select(s => new Measurement<long>(value(s.Kpis), new KeyValuePair<string, object?>("site", s.Site)))];

    private IReadOnlyList<(string Site, AlarmKpiView Kpis)> Current()
    {
        Task refresh;
        lock (_lock)
        {
            if (_time.GetUtcNow() - _fetchedAt < CacheFor) return _latest;
            if (_refresh is null || _refresh.IsCompleted) _refresh = Task.Run(RefreshAsync);
            refresh = _refresh;
        }
        // Collection callbacks are synchronous; RefreshAsync never throws.
        refresh.Wait(RefreshWait);
        lock (_lock) return _latest;
    }

    private async Task RefreshAsync()
    {
        var now = _time.GetUtcNow();
        try
        {
            var answers = await Task.WhenAll(_estate.Sites.Select(async s =>
                (s.Id, await _grains.GetGrain<ISiteGrain>(s.Id).GetAlarmKpis(now - Window, now))));
            lock (_lock) _latest = answers;
        }
        catch (Exception e)
        {
            LogRefreshFailed(e);
        }
        // After a failure too: the next try is one cache period later, not at every collection.
        lock (_lock) _fetchedAt = now;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alarm metrics: could not read the sites' alarm KPIs")]
    private partial void LogRefreshFailed(Exception exception);
}
