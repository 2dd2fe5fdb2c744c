using System.Text;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>A console for an in-process server whose text the tests read while it still writes (thread-safe).</summary>
public sealed class CapturedOutput : TextWriter
{
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get { lock (_text) return _text.ToString(); }
    }

    public override void Write(char value)
    {
        lock (_text) _text.Append(value);
    }

    public override void Write(string? value)
    {
        lock (_text) _text.Append(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_text) _text.Append(buffer, index, count);
    }
}
