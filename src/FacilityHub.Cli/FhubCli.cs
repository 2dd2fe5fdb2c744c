using System.CommandLine;
using FacilityHub.Cli.Alarms;
using FacilityHub.Cli.Assets;
using FacilityHub.Cli.Auth;
using FacilityHub.Cli.Ingestion;
using FacilityHub.Cli.Maintenance;
using FacilityHub.Cli.Quality;
using FacilityHub.Cli.Mqtt;
using FacilityHub.Cli.Reports;
using FacilityHub.Cli.Telemetry;
using FacilityHub.Cli.WorkOrders;

namespace FacilityHub.Cli;

/// <summary>fhub, runnable in-process: tests pass their own writers, hub address and clock.</summary>
public static class FhubCli
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default) =>
        RunAsync(args, stdout, stderr, FhubEnvironment.FromProcess(), ct);

    public static Task<int> RunAsync(
        string[] args, TextWriter stdout, TextWriter stderr, FhubEnvironment environment, CancellationToken ct = default)
    {
        var context = new CliContext(stdout, stderr, environment);
        var root = new RootCommand("fhub: look at a FacilityHub hub: assets, telemetry, alarms, work orders, maintenance, reports, ingestion. Every call carries a bearer token (--token or FHUB_TOKEN). Also: tokens and broker accounts for local runs.")
        {
            context.Hub,
            context.Token,
            TokenCommand.Create(context),
            AssetsCommand.Create(context),
            EquipmentCommand.Create(context),
            TelemetryCommand.Create(context),
            AlarmsCommand.Create(context),
            WorkOrdersCommand.Create(context),
            MaintenanceCommand.Create(context),
            ReportCommand.Create(context),
            InspectionsCommand.Create(context),
            NonconformancesCommand.Create(context),
            ComplaintsCommand.Create(context),
            IngestionCommand.Create(context),
            MqttCommand.Create(context),
        };

        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, ct);
    }
}
