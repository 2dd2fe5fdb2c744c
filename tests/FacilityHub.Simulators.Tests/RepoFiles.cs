namespace FacilityHub.Simulators.Tests;

/// <summary>Files of the repository, found from the test's output folder upwards.</summary>
internal static class RepoFiles
{
    public static string Topology => Find(Path.Combine("deploy", "topology.json"));

    /// <summary>A folder of the repository, e.g. simulators/scenarios.</summary>
    public static string Folder(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }

    private static string Find(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}
