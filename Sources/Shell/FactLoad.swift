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
    /// What a finished load produced: the new base, the files' problems and their checks', and
    /// the files that could not be read, with why.
    struct Outcome: Sendable {
        var base: FactBase
        var problems: [FactLoader.Problem]
        var unreported: String?
        var unchecked: [String]
        var unreadable: [(path: String, message: String)]
    }

    private let files: [String]
    private let outcome = Mutex<Outcome?>(nil)

    private init(files: [String]) {
        self.files = files
    }

    /// Loads the embedded facts and the fact files at `paths`, streaming each (a file is never
    /// held whole), and checks the files, as every load does; the embedded facts alone come from
    /// their compiled image, and files loaded before without problems from theirs (`FactCache`). A file that fails part-way (a
    /// device past the size limit, a read error) may have added some lines, so the files are then
    /// read again without it.
    static func run(_ paths: [String], cacheDirectory: String? = FactCache.directory) -> Outcome {
        if paths.isEmpty, let base = EmbeddedImage.base() {
            return Outcome(base: base, problems: [], unreported: nil, unchecked: [], unreadable: [])
        }
        let cache = FactCache.entry(for: paths, in: cacheDirectory)
        if let cache, let base = FactCache.load(cache) {
            return Outcome(base: base, problems: [], unreported: nil, unchecked: [], unreadable: [])
        }
        var unreadable: [(path: String, message: String)] = []
        while true {
            var loader = FactBase.embeddedLoader(), again = false
            for path in paths where !unreadable.contains(where: { $0.path == path }) {
                var fed = false
                loader.begin(file: path, bytes: FileIO.size(of: path))
                let read = FileIO.stream(path, limit: Limits.factFileBytes) { fed = true; loader.feed($0) }
                if case .failure(let failure) = read {
                    unreadable.append((path, failure.message))
                    if fed { again = true; break }
                    continue
                }
                loader.end()
            }
            guard !again else { continue }
            let base = loader.finish()
            let read = Set(paths.filter { p in !unreadable.contains { $0.path == p } })
            // A file that loads is checked as the embedded ones are: its printed results and its sums.
            let unchecked = loader.problems.isEmpty ? base.verify(files: read) : []
            if let cache, unreadable.isEmpty, loader.problems.isEmpty, loader.unreported == nil, unchecked.isEmpty {
                FactCache.store(base, for: cache)
            }
            return Outcome(base: base, problems: loader.problems, unreported: loader.unreported, unchecked: unchecked, unreadable: unreadable)
        }
    }

    /// Loads the files at `paths` on a new thread, polling `watch` every 50 ms while it runs; nil
    /// when the watch stopped the waiting (when no thread can be started the load runs here).
    static func run(_ files: [String], watch: Runner.LoadWatch) -> Outcome? {
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
