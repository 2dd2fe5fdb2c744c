namespace FacilityHub.Cli.Hub;

/// <summary>One page of a list call: its items and the token of the next page ("" at the end).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string NextPageToken);
