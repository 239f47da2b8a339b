import LibeditShim

#if canImport(Glibc)
import Glibc
#endif

/// A history file in libedit's format, shared by every shell of one user.
///
/// Each new entry is appended to the file under an exclusive lock (`flock` on `PATH.lock`), so
/// two shells never lose each other's lines and a statement costs one short write however long
/// the history is. A failed write (a full disk, a file-size limit) is cut back off, so the file
/// keeps what it held, and the shell warns once. When the file has grown to twice its size at
/// load, it is compacted — the newest `capacity` entries written to a new file (`AtomicFile`)
/// that replaces it only when written whole. A file that cannot be read as history is never
/// written.
public struct HistoryFile {
    public let path: String
    public let capacity: Int
    /// Why the file is not being written, once that is known; the shell warns once.
    public private(set) var disabled: String?
    /// The file's size when this shell last loaded or compacted it.
    var baseline = 0

    /// Files larger than this are not loaded (nor written).
    public static let maxBytes = 16 << 20
    /// A compaction keeps at most this many bytes of the newest entries.
    static let compactedBytes = maxBytes / 2
    static let header = "_HiStOrY_V2_\n"

    public init(path: String, capacity: Int) {
        self.path = path
        self.capacity = max(1, capacity)
    }

    /// The entries on disk, oldest first. A missing file is empty; a file that cannot be read
    /// as history yields none and disables writing, with the reason in `disabled`.
    public mutating func load() -> [String] {
        guard let h = read() else { return [] }
        defer { iijq_history_end(h) }
        var st = stat()
        baseline = stat(path, &st) == 0 ? Int(st.st_size) : 0
        return LineEditor.entries(of: h)
    }

    /// Appends `entry` to the file; returns a warning the first time writing fails.
    public mutating func append(_ entry: String) -> String? {
        guard disabled == nil else { return nil }
        guard makeDirectory(of: path) else { return disable("cannot create its directory: \(lastErrorMessage())") }
        let target = canonicalPath(path)  // through a symbolic link, so a compaction keeps the link
        let lock = open(target + ".lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard lock >= 0 else { return disable("cannot be locked: \(lastErrorMessage())") }
        defer { close(lock) }  // closing releases the lock
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else { return disable("cannot be locked: \(lastErrorMessage())") }
        }
        switch appendLine(HistoryFile.encoded(entry), to: target) {
        case .failed(let reason): return disable(reason)
        case .appended(let size):
            if size > compactionThreshold { return compact(target) }
            return nil
        }
    }

    enum Appended { case appended(size: Int), failed(String) }

    /// Appends one encoded line (after the header, when the file is new or empty); a failed write
    /// is cut back off, so the file keeps exactly what it held.
    func appendLine(_ line: [UInt8], to target: String) -> Appended {
        let fd = open(target, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return .failed("cannot be written: \(lastErrorMessage())") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return .failed("is not a regular file") }
        let size = Int(st.st_size)
        if size > HistoryFile.maxBytes { return .failed("is more than the \(HistoryFile.maxBytes >> 20) MB a history file may hold") }
        let header = Array(HistoryFile.header.utf8)
        if size > 0 {
            var start = [UInt8](repeating: 0, count: header.count)
            guard pread(fd, &start, header.count, 0) == header.count, start == header else {
                return .failed("is not a libedit history file (it does not start with _HiStOrY_V2_)")
            }
        }
        let bytes = (size == 0 ? header : []) + line
        guard AtomicFile.writeAll(fd, bytes) else {
            let reason = lastErrorMessage()
            _ = ftruncate(fd, off_t(size))
            return .failed("cannot be written: \(reason)")
        }
        return .appended(size: size + bytes.count)
    }

    /// The size past which an append compacts the file: twice its size when this shell last
    /// loaded or compacted it (at least 64 KB), and never past three quarters of `maxBytes`.
    var compactionThreshold: Int {
        min(max(2 * baseline, 64 << 10), HistoryFile.maxBytes * 3 / 4)
    }

    /// Rewrites the file with its newest `capacity` entries (at most `compactedBytes`); on any
    /// failure the file keeps what it held and writing stops with a warning.
    mutating func compact(_ target: String) -> String? {
        guard let h = read() else { return disabled.map(warning) }
        let entries = LineEditor.entries(of: h)
        iijq_history_end(h)
        var lines = entries.map(HistoryFile.encoded)
        var total = lines.reduce(0) { $0 + $1.count }
        var first = 0
        while total > HistoryFile.compactedBytes, first < lines.count - 1 {
            total -= lines[first].count
            first += 1
        }
        lines.removeFirst(first)
        do {
            let file = try AtomicFile(target: target, newFileMode: 0o600)
            file.write(Array(HistoryFile.header.utf8))
            for line in lines { file.write(line) }
            try file.commit()
        } catch {
            return disable("cannot be compacted: \(error.reason)")
        }
        baseline = HistoryFile.header.utf8.count + total
        return nil
    }

    /// `entry` as one line of a libedit history file: `\ooo` (octal) for a backslash, space,
    /// control character or DEL, as libedit's `strvis` writes them and `strunvis` reads them.
    static func encoded(_ entry: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entry.utf8.count + 1)
        for byte in entry.utf8 {
            if byte <= 0x20 || byte == 0x7F || byte == UInt8(ascii: "\\") {
                out += [UInt8(ascii: "\\"), 0x30 + (byte >> 6), 0x30 + ((byte >> 3) & 7), 0x30 + (byte & 7)]
            } else {
                out.append(byte)
            }
        }
        out.append(0x0A)
        return out
    }

    /// Opens a libedit history holding the file's current entries, or nil (and `disabled` set)
    /// when the file exists but is not history this shell may overwrite.
    mutating func read() -> OpaquePointer? {
        guard let h = iijq_history_init() else { return nil }
        iijq_history_set_size(h, Int32(clamping: capacity))
        iijq_history_set_unique(h, 1)
        var st = stat()
        guard stat(path, &st) == 0 else {
            if errno == ENOENT { return h }
            iijq_history_end(h)
            disable("cannot be read: \(lastErrorMessage())")
            return nil
        }
        let problem: String?
        if (st.st_mode & S_IFMT) != S_IFREG {
            problem = "is not a regular file"
        } else if st.st_size > HistoryFile.maxBytes {
            problem = "is \(st.st_size >> 20) MB, more than the \(HistoryFile.maxBytes >> 20) MB a history file may hold"
        } else if st.st_size == 0 {
            problem = nil // what an interrupted plain save leaves: nothing to lose
        } else if let bytes = contents(), let reason = HistoryFile.notHistory(bytes) {
            problem = reason
        } else if access(path, R_OK) != 0 {
            problem = "cannot be read: \(lastErrorMessage())"
        } else if iijq_history_load(h, path) < 0 {
            problem = "cannot be read as history"
        } else {
            problem = nil
        }
        if let problem {
            iijq_history_end(h)
            disable(problem)
            return nil
        }
        return h
    }

    @discardableResult
    mutating func disable(_ reason: String) -> String {
        disabled = reason
        return warning(reason)
    }

    /// The one warning the shell prints when the file is not written.
    public func warning(_ reason: String) -> String {
        "warning: history file \(path) \(reason); it is left as it is and this session's history is not saved"
    }

    /// The whole file (at most `maxBytes`), or nil if it cannot be opened.
    func contents() -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = [], buffer = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= HistoryFile.maxBytes {
            let n = Glibc.read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            bytes += buffer[..<n]
        }
        return bytes
    }

    /// Why `bytes` are not a history file libedit wrote, or nil when they are. libedit writes
    /// each entry as one line of UTF-8 with control characters escaped (`\^G`), so a raw control
    /// character or a byte that is not UTF-8 means the file is something else, or damaged, and
    /// loading and saving it would lose what it holds.
    static func notHistory(_ bytes: [UInt8]) -> String? {
        guard bytes.starts(with: header.utf8) else {
            return "is not a libedit history file (it does not start with _HiStOrY_V2_)"
        }
        if let i = bytes.firstIndex(where: { ($0 < 0x20 && $0 != 0x0A) || $0 == 0x7F }) {
            return "is not history libedit wrote: byte \(i) is a control character (\(bytes[i]))"
        }
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s): offset += UTF8.width(s)
            case .emptyInput: return nil
            case .error: return "is not history libedit wrote: the bytes after byte \(offset) are not UTF-8"
            }
        }
    }
}
