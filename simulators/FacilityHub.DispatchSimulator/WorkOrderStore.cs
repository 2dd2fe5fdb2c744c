using System.Globalization;
using FacilityHub.Dispatch.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace FacilityHub.DispatchSimulator;

/// <summary>
/// The orders the simulated dispatch system holds, deduplicated by idempotency key. Thread-safe: the
/// hub may retry a create while the first call is still being answered, and both must see one order.
/// </summary>
public sealed class WorkOrderStore
{
    private readonly Lock _gate = new();
    private readonly List<ReceivedWorkOrder> _orders = [];
    private readonly Dictionary<string, ReceivedWorkOrder> _byKey = new(StringComparer.Ordinal);
    private readonly string? _stateFile;
    private readonly TimeProvider _time;
    private int _nextSequence = 1;
    private int _createCalls;

    private WorkOrderStore(string? stateFile, TimeProvider time)
    {
        _stateFile = stateFile;
        _time = time;
    }

    /// <summary>Number of orders held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _orders.Count;
            }
        }
    }

    /// <summary>Create calls accepted so far (valid ones, first and repeated), including those loaded from the state file.</summary>
    public int CreateCalls
    {
        get
        {
            lock (_gate)
            {
                return _createCalls;
            }
        }
    }

    /// <summary>
    /// Opens a store; with a state file, loads the orders saved there (a missing file means no orders
    /// yet) so that keys seen before a restart are still recognised.
    /// </summary>
    /// <exception cref="InvalidDataException">The state file exists but cannot be read as saved orders.</exception>
    public static async Task<WorkOrderStore> OpenAsync(string? stateFile, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var fullPath = stateFile is null ? null : Path.GetFullPath(stateFile);
        var store = new WorkOrderStore(fullPath, time);
        if (fullPath is null || !File.Exists(fullPath))
        {
            return store;
        }

        var json = await File.ReadAllTextAsync(fullPath, cancellationToken).ConfigureAwait(false);
        ListWorkOrdersResponse saved;
        try
        {
            saved = JsonParser.Default.Parse<ListWorkOrdersResponse>(json);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException($"State file {fullPath} is not a saved order list: {ex.Message}", ex);
        }
        catch (InvalidJsonException ex)
        {
            throw new InvalidDataException($"State file {fullPath} is not valid JSON: {ex.Message}", ex);
        }

        foreach (var order in saved.Orders)
        {
            var key = order.Order?.IdempotencyKey;
            if (string.IsNullOrEmpty(key) || string.IsNullOrEmpty(order.DispatchOrderId))
            {
                throw new InvalidDataException($"State file {fullPath} holds an order without idempotency key or dispatch id.");
            }

            if (!store._byKey.TryAdd(key, order))
            {
                throw new InvalidDataException($"State file {fullPath} holds key {key} twice.");
            }

            store._orders.Add(order);
            store._createCalls += order.CreateCalls;
            if (TryParseSequence(order.DispatchOrderId, out var sequence))
            {
                store._nextSequence = Math.Max(store._nextSequence, sequence + 1);
            }
        }

        // Ids that do not follow D-nnnnnn (a hand-edited file) must still not be handed out twice.
        store._nextSequence = Math.Max(store._nextSequence, store._orders.Count + 1);
        return store;
    }

    /// <summary>
    /// Records one create call: the first call with a key creates the order (and saves the state
    /// file before answering, so an acknowledged order survives a restart); later calls only count.
    /// </summary>
    public CreateOutcome Create(WorkOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentException.ThrowIfNullOrEmpty(order.IdempotencyKey);
        lock (_gate)
        {
            _createCalls++;
            if (_byKey.TryGetValue(order.IdempotencyKey, out var existing))
            {
                existing.CreateCalls++;
                Save();
                return new CreateOutcome(existing.Clone(), Created: false);
            }

            var received = new ReceivedWorkOrder
            {
                DispatchOrderId = string.Create(CultureInfo.InvariantCulture, $"D-{_nextSequence:D6}"),
                Order = order.Clone(),
                ReceivedAt = Timestamp.FromDateTimeOffset(_time.GetUtcNow()),
                CreateCalls = 1,
            };
            _nextSequence++;
            _orders.Add(received);
            _byKey.Add(order.IdempotencyKey, received);
            Save();
            return new CreateOutcome(received.Clone(), Created: true);
        }
    }

    /// <summary>Records a cancellation: true the first time; false when already cancelled; null for an unknown key.</summary>
    public bool? Cancel(CancelWorkOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            if (!_byKey.TryGetValue(request.IdempotencyKey, out var order))
            {
                return null;
            }

            if (order.Cancellation is not null)
            {
                return false;
            }

            order.Cancellation = request.Clone();
            Save();
            return true;
        }
    }

    /// <summary>Records an update: true the first time its id is seen; false for a repeat; null for an unknown key.</summary>
    public bool? Update(UpdateWorkOrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            if (!_byKey.TryGetValue(request.IdempotencyKey, out var order))
            {
                return null;
            }

            if (order.Updates.Any(u => u.UpdateId == request.UpdateId))
            {
                return false;
            }

            order.Updates.Add(request.Clone());
            Save();
            return true;
        }
    }

    /// <summary>True when the hub has cancelled the order of <paramref name="key"/>.</summary>
    public bool IsCancelled(string key)
    {
        lock (_gate)
        {
            return _byKey.TryGetValue(key, out var order) && order.Cancellation is not null;
        }
    }

    /// <summary>Copies of all orders, oldest first.</summary>
    public IReadOnlyList<ReceivedWorkOrder> Snapshot()
    {
        lock (_gate)
        {
            return _orders.Select(o => o.Clone()).ToList();
        }
    }

    /// <summary>Copies of up to <paramref name="count"/> orders from <paramref name="offset"/>, and the total held.</summary>
    public (IReadOnlyList<ReceivedWorkOrder> Orders, int Total) Page(int offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            var page = _orders.Skip(offset).Take(count).Select(o => o.Clone()).ToList();
            return (page, _orders.Count);
        }
    }

    private static bool TryParseSequence(string dispatchId, out int sequence)
    {
        sequence = 0;
        return dispatchId.StartsWith("D-", StringComparison.Ordinal)
            && int.TryParse(dispatchId.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }

    // Called under _gate: the file always matches what has been answered. Written to a temp file and
    // moved over the old one, so a crash mid-write never leaves a truncated state file.
    private void Save()
    {
        if (_stateFile is null)
        {
            return;
        }

        var state = new ListWorkOrdersResponse();
        state.Orders.Add(_orders);
        var directory = Path.GetDirectoryName(_stateFile);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temp = _stateFile + ".tmp";
        File.WriteAllText(temp, JsonFormatter.Default.Format(state));
        File.Move(temp, _stateFile, overwrite: true);
    }
}
