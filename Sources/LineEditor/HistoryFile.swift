import LibeditShim

#if canImport(Glibc)
import Glibc
#endif

/// A history file in libedit's format, shared by every shell of one user.
///
/// Each new entry is merged with what is on disk now (so two shells both keep their lines),
/// capped, written to a temporary file and renamed over the old one: a kill or a closed
/// terminal never leaves a half-written or empty file. A file that cannot be read as history
/// is never overwritten.
public struct HistoryFile {
    public let path: String
    public let capacity: Int
    /// Why the file is not being written, once that is known; the shell warns once.
    public private(set) var disabled: String?

    /// Files larger than this are not loaded (nor overwritten).
    public static let maxBytes = 16 << 20
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
        return LineEditor.entries(of: h)
    }

    /// Appends `entry` to the file; returns a warning the first time writing fails.
    public mutating func append(_ entry: String) -> String? {
        guard disabled == nil else { return nil }
        guard let h = read() else { return disabled.map(warning) }
        defer { iijq_history_end(h) }
        iijq_history_enter(h, entry)
        guard makeDirectory(of: path) else { return disable("cannot create its directory: \(lastErrorMessage())") }
        let target = canonicalPath(path)  // through a symbolic link, so renaming keeps the link
        let temporary = "\(target).\(getpid()).tmp"
        if iijq_history_save(h, temporary) < 0 {
            let reason = lastErrorMessage()
            unlink(temporary)
            return disable("cannot be written: \(reason)")
        }
        if rename(temporary, target) != 0 {
            let reason = lastErrorMessage()
            unlink(temporary)
            return disable("cannot be replaced: \(reason)")
        }
        return nil
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
