using FacilityHub.Cli.Output;
using Google.Protobuf.WellKnownTypes;

namespace FacilityHub.Cli.Tests;

public sealed class TextTableTests
{
    private static string Lines(params string[] lines) => string.Concat(lines.Select(l => l + Environment.NewLine));

    [Fact]
    public void Columns_are_as_wide_as_their_widest_cell_two_spaces_apart()
    {
        var table = new TextTable("METRIC", "UNIT")
            .AddRow("outlet_pressure_bar", "bar")
            .AddRow("flow_m3h", "m3/h");

        Assert.Equal(
            Lines(
                "METRIC               UNIT",
                "outlet_pressure_bar  bar",
                "flow_m3h             m3/h"),
            table.Render());
    }

    [Fact]
    public void Right_aligned_columns_line_up_their_digits_and_header()
    {
        var table = new TextTable("VALUE", "UNIT").AlignRight(0)
            .AddRow("3.25", "bar")
            .AddRow("120", "m3/h");

        Assert.Equal(
            Lines(
                "VALUE  UNIT",
                " 3.25  bar",
                "  120  m3/h"),
            table.Render());
    }

    [Fact]
    public void Lines_have_no_trailing_spaces_when_the_last_cells_are_short_or_empty()
    {
        var table = new TextTable("ASSET", "LOCATION")
            .AddRow("riverside", "")
            .AddRow("pump-1", "B1 pump room");

        Assert.All(table.Render().Split(Environment.NewLine), line => Assert.Equal(line.TrimEnd(), line));
    }

    [Fact]
    public void Line_breaks_and_tabs_inside_a_cell_do_not_break_the_table()
    {
        var table = new TextTable("NOTE", "BY").AddRow("left a note\nnobody home\tagain", "team-3");

        Assert.Equal(Lines("NOTE                           BY", "left a note nobody home again  team-3"), table.Render());
    }

    [Fact]
    public void A_table_without_header_lists_label_value_pairs()
    {
        var table = TextTable.WithoutHeader(2).AddRow("Kind", "water_pump").AddRow("Last event", null);

        Assert.Equal(Lines("Kind        water_pump", "Last event"), table.Render());
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_cells_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => new TextTable("A", "B").AddRow("only one"));
    }

    [Fact]
    public void Times_are_shown_in_utc_to_the_second()
    {
        var time = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 25, 11, 0, 3, 999, TimeSpan.FromHours(1)));

        Assert.Equal("2026-11-25 10:00:03Z", Display.Time(time));
        Assert.Equal("2026-11-25 10:00:03.999Z", Display.Time(time, milliseconds: true));
        Assert.Equal("-", Display.Time((Timestamp?)null));
    }

    [Theory]
    [InlineData(3.2, "3.2")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(-40.0, "-40")]
    [InlineData(1e-5, "1E-05")]
    [InlineData(double.NaN, "NaN")]
    public void Numbers_are_shown_invariant_and_exact(double value, string shown)
    {
        Assert.Equal(shown, Display.Number(value));
    }
}
