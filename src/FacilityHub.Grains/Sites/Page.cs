namespace FacilityHub.Grains.Sites;

/// <summary>A page of a list, newest first; <see cref="Total"/> counts every match.</summary>
[GenerateSerializer, Immutable, Alias("fh.Page")]
public sealed record Page<T>(T[] Items, int Total);
