using System.Reflection;
using FacilityHub.Grains;
using FacilityHub.Grains.Alarms;
using FacilityHub.Grains.Equipment;
using FacilityHub.Grains.WorkOrders;
using FacilityHub.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FacilityHub.Ingestion.Tests;

/// <summary>The per-message way to a grain (<see cref="GrainRefs.Ref{T}"/>) must reach the very grain
/// <c>GetGrain</c> does, for every interface and key, once its resolution is kept; and making such a reference must not
/// cost a trip through the service provider.</summary>
public sealed class GrainRefsTests
{
    [Fact]
    public Task Ref_reaches_the_grain_GetGrain_does_for_each_interface_and_key() => WithSiloAsync(grains =>
    {
        // Twice over: the first call resolves (and keeps) the grain type, the second uses what was kept.
        for (int round = 0; round < 2; round++)
        {
            foreach (var key in new[] { "rs-b1-pump-1", "rs-b1-pump-2" })
            {
                AssertSame(grains.GetGrain<IEquipmentGrain>(key), grains.Ref<IEquipmentGrain>(key));
                AssertSame(grains.GetGrain<IAlarmGrain>($"{key}/low_pressure"), grains.Ref<IAlarmGrain>($"{key}/low_pressure"));
            }
        }
        // The silo's own grain classes, not stubs awaiting a resolution.
        Assert.Equal("equipment", Id(grains.Ref<IEquipmentGrain>("rs-b1-pump-1")).Type.ToString());
        Assert.Equal("alarm", Id(grains.Ref<IAlarmGrain>("rs-b1-pump-1/low_pressure")).Type.ToString());
    });

    /// <summary>A reference is made per MQTT message (item) and per fault (alarm, work order). Orleans's generated
    /// reference keeps a field only for a copier of a mutable argument type, which its constructor resolves through the
    /// service provider for every reference made (ActivatorUtilities, when the copier is not registered): none on these
    /// interfaces. Such an argument is made immutable (an <c>ImmutableArray</c>, an <c>[Immutable]</c> record).</summary>
    [Fact]
    public Task A_reference_on_the_message_or_fault_path_resolves_nothing_when_made() => WithSiloAsync(grains =>
    {
        AssertNothingResolvedPerReference(grains.Ref<IEquipmentGrain>("rs-b1-pump-1"));
        AssertNothingResolvedPerReference(grains.Ref<IAlarmGrain>("rs-b1-pump-1/low_pressure"));
        AssertNothingResolvedPerReference(grains.Ref<IWorkOrderGrain>("rs-b1-pump-1/low_pressure/1"));
    });

    private static async Task WithSiloAsync(Action<IGrainFactory> test)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.UseLocalhostClustering(FreePort.Next(), FreePort.Next()));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            test(host.Services.GetRequiredService<IGrainFactory>());
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static void AssertSame<T>(T expected, T actual)
    {
        Assert.Equal(Id(expected), Id(actual));
        Assert.Equal(((GrainReference)(object)expected!).InterfaceType, ((GrainReference)(object)actual!).InterfaceType);
        Assert.IsType(expected!.GetType(), actual);
    }

    private static void AssertNothingResolvedPerReference<T>(T reference)
    {
        var fields = reference!.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly);
        Assert.True(fields.Length == 0, $"{typeof(T).Name}'s reference resolves {string.Join(", ", fields.Select(f => f.FieldType.Name))} per reference");
    }

    private static GrainId Id<T>(T reference) => ((GrainReference)(object)reference!).GrainId;
}
