using FacilityHub.Ingestion.Mqtt;

namespace FacilityHub.Ingestion.Tests;

public sealed class DeviceTopicTests
{
    [Fact]
    public void Telemetry_and_event_topics_name_site_building_and_equipment()
    {
        Assert.True(DeviceTopic.TryParse("facility/riverside/rs-b1/rs-b1-pump-1/telemetry", out var t));
        Assert.Equal(new DeviceTopic("riverside", "rs-b1", "rs-b1-pump-1", MessageKind.Telemetry), t);
        Assert.True(DeviceTopic.TryParse(DeviceTopic.Event("riverside", "rs-b1", "rs-b1-alarm-0301"), out var e));
        Assert.Equal(MessageKind.Event, e.Kind);
    }

    [Theory]
    [InlineData("facility/riverside/rs-b1/rs-b1-pump-1")]
    [InlineData("facility/riverside/rs-b1/rs-b1-pump-1/status")]
    [InlineData("other/riverside/rs-b1/rs-b1-pump-1/telemetry")]
    [InlineData("facility/riverside/rs-b1/../telemetry")]
    [InlineData("facility/riverside/+/rs-b1-pump-1/telemetry")]
    [InlineData("facility/riverside/rs-b1/#/telemetry")]
    [InlineData("facility/Riverside/rs-b1/pump/telemetry")]
    [InlineData("facility/riverside/rs-b1/pump\u0001/telemetry")]
    [InlineData("facility/riverside/rs-b1/a/b/telemetry")]
    public void Any_other_topic_shape_or_id_is_refused(string topic) =>
        Assert.False(DeviceTopic.TryParse(topic, out _));

    [Fact]
    public void Hub_instances_share_one_subscription_over_every_device_topic() =>
        Assert.Equal("$share/facilityhub/facility/+/+/+/+", DeviceTopic.SharedSubscription("facilityhub"));
}
