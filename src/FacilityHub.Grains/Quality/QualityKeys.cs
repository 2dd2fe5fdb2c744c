namespace FacilityHub.Grains.Quality;

/// <summary>Quality records are numbered per site: "<c>site/i-N</c>" (inspection), "<c>site/nc-N</c>"
/// (nonconformance), "<c>site/c-N</c>" (complaint); the site part says which grain holds it.</summary>
public static class QualityKeys
{
    public static string Inspection(string siteId, int n) => $"{siteId}/i-{n}";

    public static string Nonconformance(string siteId, int n) => $"{siteId}/nc-{n}";

    public static string Complaint(string siteId, int n) => $"{siteId}/c-{n}";

    /// <summary>The site of a record id shaped "<c>site/prefix-N</c>"; false when it is not shaped like one.</summary>
    public static bool TrySite(string id, string prefix, out string siteId)
    {
        siteId = "";
        int slash = id.IndexOf('/');
        if (slash <= 0) return false;
        var rest = id.AsSpan(slash + 1);
        if (!rest.StartsWith(prefix + "-", StringComparison.Ordinal) || !int.TryParse(rest[(prefix.Length + 1)..], System.Globalization.NumberStyles.None, null, out int n) || n <= 0) return false;
        siteId = id[..slash];
        return true;
    }
}
