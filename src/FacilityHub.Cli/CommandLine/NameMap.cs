using System.CommandLine;

namespace FacilityHub.Cli.CommandLine;

/// <summary>
/// The command-line names of an API enum ("emergency", "en_route"), both ways: parsing an option's
/// value and showing a value in a table.
/// </summary>
public sealed class NameMap<T>
    where T : struct, Enum
{
    private readonly (string Name, T Value)[] _entries;

    public NameMap(params (string Name, T Value)[] entries)
    {
        ArgumentOutOfRangeException.ThrowIfZero(entries.Length);
        _entries = entries;
        Names = entries.Select(e => e.Name).ToArray();
    }

    /// <summary>Accepted names in the order they are listed in help and errors.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Case-insensitive; "-" is read as "_", so "en-route" is "en_route".</summary>
    public bool TryParse(string? text, out T value)
    {
        var wanted = (text ?? "").Trim().Replace('-', '_');
        foreach (var (name, entry) in _entries)
        {
            if (string.Equals(name, wanted, StringComparison.OrdinalIgnoreCase))
            {
                value = entry;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The name of a value; a value this client does not know (a newer hub) shows as its number.</summary>
    public string NameOf(T value)
    {
        foreach (var (name, entry) in _entries)
        {
            if (EqualityComparer<T>.Default.Equals(entry, value))
            {
                return name;
            }
        }

        var number = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        return number == 0 ? "unspecified" : $"unknown({number})";
    }

    public string InvalidValueMessage(string optionName, string? text) =>
        $"Invalid value '{text}' for {optionName}: expected one of {string.Join(", ", Names)}.";

    /// <summary>An option taking one of the names; absent means no filter (null).</summary>
    public Option<T?> CreateOption(string name, string description)
    {
        var option = new Option<T?>(name)
        {
            Description = description,
            HelpName = string.Join('|', Names),
            Arity = ArgumentArity.ExactlyOne,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
                if (TryParse(text, out var value))
                {
                    return value;
                }

                result.AddError(InvalidValueMessage(name, text));
                return null;
            },
        };
        option.CompletionSources.Add(Names.ToArray());
        return option;
    }
}
