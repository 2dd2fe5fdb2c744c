using System.ComponentModel.DataAnnotations;
using System.Net;
using FacilityHub.Auth;
using FacilityHub.Domain.Maintenance;
using FacilityHub.Domain.Inspections;
using FacilityHub.Domain.Quality;
using FacilityHub.Domain.Topology;
using FacilityHub.Domain.WorkOrders;
using FacilityHub.Grains;
using FacilityHub.Grains.Equipment;
using FacilityHub.Grains.WorkOrders;
using FacilityHub.Ingestion.Influx;
using FacilityHub.Ingestion.Mqtt;
using FacilityHub.Ingestion.Pipeline;
using FacilityHub.Server.Alarms;
using FacilityHub.Server.Api;
using FacilityHub.Server.Dispatch;
using FacilityHub.Server.Reports;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Configuration;
using Orleans.Serialization;
using StackExchange.Redis;

namespace FacilityHub.Server.Startup;

/// <summary>The composition root: configuration checked first, then the silo, the gRPC API and the ingestion.</summary>
public static class HubHost
{
    public static async Task<int> RunAsync(string[] args)
    {
        // Settings (appsettings.json) come from beside the binaries, whatever the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });

        var hub = HubOptions.From(builder.Configuration);
        var mqtt = builder.Configuration.GetSection(MqttOptions.Section).Get<MqttOptions>() ?? new MqttOptions();
        var influx = builder.Configuration.GetSection(InfluxOptions.Section).Get<InfluxOptions>() ?? new InfluxOptions();
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var tls = builder.Configuration.GetSection(TlsOptions.Section).Get<TlsOptions>() ?? new TlsOptions();
        hub.TopologyFile = ResolvePath(hub.TopologyFile);
        var sla = builder.Configuration.GetSection(SlaPolicy.Section).Get<SlaPolicy>() ?? new SlaPolicy();
        var afterCare = builder.Configuration.GetSection(AfterCarePolicy.Section).Get<AfterCarePolicy>() ?? new AfterCarePolicy();
        var quality = builder.Configuration.GetSection(QualityPolicy.Section).Get<QualityPolicy>() ?? new QualityPolicy();

        var problems = new List<string>();
        Validate(hub, "Hub/Redis/Dispatch/Orleans", problems);
        Validate(mqtt, MqttOptions.Section, problems);
        Validate(influx, InfluxOptions.Section, problems);
        Validate(auth, AuthOptions.Section, problems);
        problems.AddRange(sla.Problems());
        problems.AddRange(afterCare.Problems());
        problems.AddRange(quality.Problems());
        var certificate = GrpcEndpointCheck.Run(builder.Configuration, tls, TimeProvider.System, problems);
        Estate? estate = null;
        if (problems.Count == 0)
        {
            (estate, var unreachable) = await StartupCheck.RunAsync(hub, mqtt, influx, CancellationToken.None);
            problems.AddRange(unreachable);
        }
        var maintenance = MaintenanceSetup.Empty;
        if (problems.Count == 0)
        {
            try { maintenance = MaintenanceSetupLoader.LoadFile(hub.TopologyFile, estate!); }
            catch (TopologyException e) { problems.Add($"Hub:TopologyFile ({hub.TopologyFile}): {e.Message}"); }
        }
        var inspections = InspectionPlan.Empty;
        if (problems.Count == 0 && quality.InspectionsFile.Length > 0)
        {
            string path = ResolvePath(quality.InspectionsFile);
            try { inspections = InspectionPlanLoader.LoadFile(path, estate!); }
            catch (InspectionPlanException e) { problems.Add($"{QualityPolicy.Section}:InspectionsFile ({path}): {e.Message}"); }
        }
        if (problems.Count > 0)
        {
            foreach (var p in problems) await Console.Error.WriteLineAsync($"facilityhub: {p}");
            return 2;
        }

        builder.Services.AddSingleton(sla);
        builder.Services.AddSingleton(afterCare);
        builder.Services.AddSingleton(maintenance);
        builder.Services.AddSingleton(quality);
        builder.Services.AddSingleton(inspections);
        Compose(builder, hub, estate!, auth);
        if (certificate is not null) builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h => h.ServerCertificate = certificate));
        var app = builder.Build();
        // Sets the caller from the bearer token (or notes why not); AccessInterceptor decides per method.
        app.UseAuthentication();
        // Created now, not at first use: nothing else asks for it, and its meter must exist before any listener looks.
        app.Services.GetRequiredService<AlarmMetrics>();
        app.MapGrpcService<AssetApi>();
        app.MapGrpcService<TelemetryApi>();
        app.MapGrpcService<AlarmApi>();
        app.MapGrpcService<WorkOrderApi>();
        app.MapGrpcService<DispatchProgressApi>();
        app.MapGrpcService<MaintenanceApi>();
        app.MapGrpcService<ReportApi>();
        app.MapGrpcService<QualityApi>();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        await app.RunAsync();
        return 0;
    }

    private static void Compose(WebApplicationBuilder builder, HubOptions hub, Estate estate, AuthOptions auth)
    {
        var services = builder.Services;
        services.AddSingleton(estate);
        services.AddSingleton(TimeProvider.System);
        services.Configure<MqttOptions>(builder.Configuration.GetSection(MqttOptions.Section));
        services.Configure<InfluxOptions>(builder.Configuration.GetSection(InfluxOptions.Section));

        builder.UseOrleans(silo =>
        {
            var redis = ConfigurationOptions.Parse(hub.RedisConnectionString);
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = "facilityhub";
                o.ServiceId = "facilityhub";
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, hub.SiloPort, hub.GatewayPort);
            silo.UseRedisClustering(o => o.ConfigurationOptions = redis.Clone());
            silo.AddRedisGrainStorage(GrainStorage.Name, o => o.ConfigurationOptions = redis.Clone());
            silo.UseRedisReminderService(o => o.ConfigurationOptions = redis.Clone());
            // The outbox reminder of unsent work orders ticks every 10 s, below Orleans' default 1 min minimum.
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(5));
            // Our own exceptions (e.g. an alarm action the state refuses) cross grain calls with their type and message.
            silo.Services.Configure<ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("FacilityHub"));
        });

        services.AddSingleton(DispatchChannel.For(new Uri(hub.DispatchUrl)));
        services.AddSingleton<IDispatchGateway, GrpcDispatchGateway>();
        services.AddHostedService<DispatchChannelWarmer>();

        services.AddSingleton<IngestionStats>();
        services.AddSingleton<TelemetryStore>();
        services.AddSingleton<TelemetryHistory>();
        services.AddSingleton<IngestionGate>();
        services.AddSingleton<TelemetryPipeline>();
        services.AddSingleton<MqttIngestionService>();
        services.AddHostedService(sp => sp.GetRequiredService<MqttIngestionService>());
        services.AddHostedService<IngestionReporter>();
        services.AddHostedService<SpoolReplayer>();
        services.AddSingleton<EquipmentClock>();
        services.AddHostedService(sp => sp.GetRequiredService<EquipmentClock>());
        services.AddHostedService<EquipmentWatchStarter>();
        services.AddHostedService<MaintenancePlannerStarter>();
        services.AddSingleton<AlarmMetrics>();
        services.AddSingleton<MonthlyReportCollector>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            // Claims keep their JWT names ("name", "role") instead of the WS-* URIs.
            o.MapInboundClaims = false;
            o.TokenValidationParameters = HubTokens.ValidationParameters(auth.KeyBytes, auth.Issuer, auth.Audience);
            // Kept for AccessInterceptor, which tells an expired token from a missing or forged one.
            o.Events = new JwtBearerEvents { OnAuthenticationFailed = c => AccessInterceptor.NoteFailure(c.HttpContext, c.Exception) };
        });
        // Access first: a refused call never reaches the handler, so it cannot learn what exists.
        services.AddGrpc(o =>
        {
            o.Interceptors.Add<AccessInterceptor>();
            o.Interceptors.Add<ErrorInterceptor>();
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck("hub", () => HealthCheckResult.Healthy());
    }

    private static void Validate(object options, string section, List<string> problems)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)) return;
        problems.AddRange(results.Select(r => $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
    }

    /// <summary>A relative path (topology, inspections) is looked up in the working directory, then beside the hub's binaries.</summary>
    private static string ResolvePath(string path) =>
        Path.IsPathRooted(path) || File.Exists(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
}
