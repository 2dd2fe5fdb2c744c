using System.Text;

namespace FacilityHub.Cli.Output;

/// <summary>
/// A plain-text table whose columns are aligned with spaces, two between columns, no trailing
/// whitespace: readable in a terminal and easy to cut with awk.
/// </summary>
public sealed class TextTable
{
    private const string Gap = "  ";

    private readonly string[]? _headers;
    private readonly int _columns;
    private readonly HashSet<int> _rightAligned = [];
    private readonly List<string[]> _rows = [];

    /// <summary>A table with a header row; the header names the columns.</summary>
    public TextTable(params string[] headers)
    {
        ArgumentOutOfRangeException.ThrowIfZero(headers.Length);
        _headers = headers;
        _columns = headers.Length;
    }

    private TextTable(int columns)
    {
        _columns = columns;
    }

    /// <summary>A table without a header row, e.g. label/value pairs.</summary>
    public static TextTable WithoutHeader(int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        return new TextTable(columns);
    }

    public int RowCount => _rows.Count;

    /// <summary>Pads the column's cells on the left (numbers).</summary>
    public TextTable AlignRight(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, _columns);
        _rightAligned.Add(column);
        return this;
    }

    public TextTable AddRow(params string?[] cells)
    {
        if (cells.Length != _columns)
        {
            throw new ArgumentException($"Expected {_columns} cells, got {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells.Select(Clean).ToArray());
        return this;
    }

    /// <summary>The table, one line per row, each line ended by a newline.</summary>
    public string Render()
    {
        var lines = _headers is null ? _rows : _rows.Prepend(_headers);
        var widths = new int[_columns];
        foreach (var line in lines)
        {
            for (var i = 0; i < _columns; i++)
            {
                widths[i] = Math.Max(widths[i], line[i].Length);
            }
        }

        var text = new StringBuilder();
        foreach (var line in lines)
        {
            var row = new StringBuilder();
            for (var i = 0; i < _columns; i++)
            {
                if (i > 0)
                {
                    row.Append(Gap);
                }

                // Header cells of right-aligned columns are right-aligned too, so they sit over the digits.
                row.Append(_rightAligned.Contains(i) ? line[i].PadLeft(widths[i]) : line[i].PadRight(widths[i]));
            }

            text.AppendLine(row.ToString().TrimEnd());
        }

        return text.ToString();
    }

    public override string ToString() => Render();

    // A newline or tab inside a cell would break the alignment of every row below it.
    private static string Clean(string? cell) =>
        string.IsNullOrEmpty(cell)
            ? ""
            : cell.ReplaceLineEndings(" ").Replace('\t', ' ');
}
