using System.CommandLine;
using System.Globalization;

namespace FacilityHub.Cli.CommandLine;

/// <summary>The --limit option: how many rows at most, fetched page by page.</summary>
public static class Limits
{
    public static Option<int> CreateOption(string what, int defaultValue) =>
        new("--limit")
        {
            Description = $"Show at most this many {what}.",
            HelpName = "N",
            Arity = ArgumentArity.ExactlyOne,
            DefaultValueFactory = _ => defaultValue,
            // A parser rather than a validator: a validator reading a value that failed to convert throws.
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit) && limit >= 1)
                {
                    return limit;
                }

                result.AddError($"Invalid value '{text}' for --limit: expected a whole number of at least 1.");
                return defaultValue;
            },
        };
}
