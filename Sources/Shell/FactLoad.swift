import IIJQ
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Fact files loaded on a thread of their own, so the shell can stop waiting for them.
///
/// The loader cannot be interrupted part way, so Ctrl-C stops the *waiting*: the shell goes on
/// with the facts it had, and the load runs to its end on its thread and is thrown away.
final class FactLoad: Sendable {
    /// What a finished load produced: the new base, the files' problems, and their checks'.
    struct Outcome: Sendable {
        var base: FactBase
        var problems: [FactLoader.Problem]
        var unreported: String?
        var unchecked: [String]
    }

    private let files: [(name: String, text: String)]
    private let outcome = Mutex<Outcome?>(nil)

    private init(files: [(name: String, text: String)]) {
        self.files = files
    }

    /// Loads the embedded facts and `files` and checks the files, as every load does.
    static func run(_ files: [(name: String, text: String)]) -> Outcome {
        let (base, problems, unreported) = FactBase.load(extra: files)
        // A file that loads is checked as the embedded ones are: its check lines and its sums.
        let unchecked = problems.isEmpty ? base.verify(files: Set(files.map(\.name))) : []
        return Outcome(base: base, problems: problems, unreported: unreported, unchecked: unchecked)
    }

    /// Loads `files` on a new thread, polling `watch` every 50 ms while it runs; nil when the
    /// watch stopped the waiting (or no thread could be started and the load ran here).
    static func run(_ files: [(name: String, text: String)], watch: Runner.LoadWatch) -> Outcome? {
        let job = FactLoad(files: files)
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { context in
            let job = Unmanaged<FactLoad>.fromOpaque(context!).takeRetainedValue()
            let result = FactLoad.run(job.files)
            job.outcome.withLock { $0 = result }
            return nil
        }, Unmanaged.passRetained(job).toOpaque())
        guard started == 0 else {
            Unmanaged.passUnretained(job).release()
            return run(files)
        }
        pthread_detach(thread)
        let clock = ContinuousClock()
        let start = clock.now
        defer { watch.finished() }
        while true {
            if let done = job.outcome.withLock({ $0 }) { return done }
            if watch.cancelled() { return nil }
            watch.waiting(clock.now - start)
            usleep(50_000)
        }
    }
}

extension Runner {
    /// How the interactive shell waits for `.facts`: told how long the load has taken so far
    /// (to show progress), asked whether to stop waiting (Ctrl-C), and told when the wait ends.
    public struct LoadWatch {
        var waiting: (Duration) -> Void
        var cancelled: () -> Bool
        var finished: () -> Void
    }

    /// What `loadFacts` did.
    public enum FactLoadResult: Equatable {
        case loaded
        /// A file could not be read or had problems (reported); the facts are as they were.
        case failed
        /// Ctrl-C stopped the waiting; the facts are as they were.
        case cancelled
    }

    /// How many facts of `base` the fact files `files` (as they were named when loaded) recorded.
    static func factCount(from files: [String], in base: FactBase) -> Int {
        guard !files.isEmpty else { return 0 }
        let names = Set(files)
        return base.facts.reduce(0) { $0 + ($1.citations.first.map { names.contains($0.file) } == true ? 1 : 0) }
    }
}
