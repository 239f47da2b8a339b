import Synchronization

/// Values a fact base works out when first asked and keeps: a `FactBase` is a value, so what it
/// learns lives in a class its copies share, started afresh by `buildIndex`.
///
/// The printed results' forms (a script of 10,000 statements parsed a metric's printed queries at
/// every statement: perf, 78 % of the script; parsing them all at start would cost every
/// one-shot) and each metric's display scales (reading the unit of every fact of a metric on
/// every query was 44 % of a script of lookups at 100k facts).
final class Memo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let values = Mutex<[Key: Value]>([:])

    init() {}

    /// The value kept for `key`, worked out by `work` the first time.
    func value(for key: Key, _ work: () -> Value) -> Value {
        if let known = values.withLock({ $0[key] }) { return known }
        let found = work()
        values.withLock { $0[key] = found }
        return found
    }
}
