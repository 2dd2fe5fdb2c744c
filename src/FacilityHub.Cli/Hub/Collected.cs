namespace FacilityHub.Cli.Hub;

/// <summary>Items gathered over pages; <see cref="More"/> when the hub had more than the limit.</summary>
public sealed record Collected<T>(IReadOnlyList<T> Items, bool More);
