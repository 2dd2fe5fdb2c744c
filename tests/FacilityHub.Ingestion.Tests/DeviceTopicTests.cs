using FacilityHub.Domain.Telemetry;
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

    [Theory]
    [InlineData("facility/riverside/rs-b1/..", RejectReason.BadTopic)]
    [InlineData("facility/riverside/rs-b1/../rs-b1-pump-1/telemetry", RejectReason.BadTopic)]
    [InlineData("facility/#", RejectReason.BadTopic)]
    [InlineData("facility/riverside/rs-b1/rs-b1-pump-1/telemetry/", RejectReason.BadTopic)]
    [InlineData("facility/riverside/rs-b1/../telemetry", RejectReason.BadId)]
    [InlineData("facility/riverside/+/rs-b1-pump-1/telemetry", RejectReason.BadId)]
    [InlineData("facility/riverside/rs-b1/#/event", RejectReason.BadId)]
    [InlineData("facility/riverside/rs-b1/rs-b1-pump-1\n/telemetry", RejectReason.BadId)]
    [InlineData("facility/riverside/rs-b1/rs-b1-pump-1\u0000/telemetry", RejectReason.BadId)]
    [InlineData("facility/riverside/rs-b1/RS-B1-PUMP-1/telemetry", RejectReason.BadId)]
    [InlineData("facility//rs-b1/rs-b1-pump-1/telemetry", RejectReason.BadId)]
    public void A_topic_off_the_scheme_is_a_bad_topic_and_one_of_its_shape_with_a_bad_id_in_it_a_bad_id(string topic, RejectReason reason)
    {
        Assert.False(DeviceTopic.TryParse(topic, out _, out var why));
        Assert.Equal(reason, why);
    }

    [Fact]
    public void A_topic_longer_than_any_of_the_scheme_is_refused_without_splitting_it() =>
        Assert.False(DeviceTopic.TryParse("facility/" + new string('/', 100_000), out _));

    [Fact]
    public void Hub_instances_share_one_subscription_over_every_device_topic() =>
        Assert.Equal("$share/facilityhub/facility/+/+/+/+", DeviceTopic.SharedSubscription("facilityhub"));
}
