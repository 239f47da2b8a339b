import LibeditShim

#if canImport(Glibc)
import Glibc
#endif

/// A file replaced whole or not at all: the one way the project writes a file a user keeps
/// (`-o` and `.output`, the history, the tour's progress).
///
/// The text goes to a new temporary file beside the target, with an unpredictable name, created
/// with `O_CREAT|O_EXCL|O_NOFOLLOW` (a symbolic link planted there is never followed), given the
/// target's mode (or `newFileMode` for a new target), and renamed over the target on `commit`.
/// Every write, the flush and the rename are checked; on any failure the temporary file is
/// removed and the target keeps what it held. A SIGINT, SIGTERM or SIGHUP that kills the process
/// removes the temporary file too.
public final class AtomicFile {
    /// The file replaced on `commit`.
    public let target: String
    /// The temporary file, until it is committed or discarded.
    public let temporary: String
    private var fd: Int32
    private var slot: Int32
    /// The first write error.
    public private(set) var failure: String?

    /// Creates the temporary file beside `target`; throws the system's reason when it cannot.
    /// `newFileMode` is used (less the umask) when `target` is not a regular file yet.
    public init(target: String, newFileMode: mode_t) throws(AtomicFileError) {
        self.target = target
        var st = stat()
        // A symbolic link at the target is replaced, not followed: the new file is then a new file.
        let replacesFile = lstat(target, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
        let mode = replacesFile ? st.st_mode & 0o7777 : newFileMode & ~AtomicFile.umaskValue()
        let directory = target.lastIndex(of: "/").map { String(target[...$0]) } ?? ""
        let base = target.split(separator: "/").last.map(String.init) ?? "file"
        var attempt = 0
        while true {
            let name = "\(directory).\(base).\(AtomicFile.randomSuffix()).tmp"
            let fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 {
                self.fd = fd
                temporary = name
                break
            }
            attempt += 1
            guard errno == EEXIST, attempt < 16 else { throw AtomicFileError(reason: lastErrorMessage()) }
        }
        slot = iijq_tempfile_register(temporary)
        if fchmod(fd, mode) != 0 { failure = lastErrorMessage() }
    }

    deinit { discard() }

    /// The temporary file's descriptor, for a writer that also rewrites and reads back what it
    /// wrote (a streamed fact image), and reports its own failures; -1 once committed or discarded.
    public var descriptor: Int32 { fd }

    /// Appends `bytes`; a failure is kept and reported by `commit`.
    public func write(_ bytes: some Collection<UInt8>) {
        guard failure == nil, fd >= 0 else { return }
        if !AtomicFile.writeAll(fd, Array(bytes)) { failure = lastErrorMessage() }
    }

    /// Appends `text` as UTF-8.
    public func write(_ text: String) { write(Array(text.utf8)) }

    /// Moves the finished file into place; throws the first failure (the target is then untouched).
    public func commit() throws(AtomicFileError) {
        guard fd >= 0 else { return }
        if failure == nil, fsync(fd) != 0 { failure = lastErrorMessage() }
        if close(fd) != 0, failure == nil { failure = lastErrorMessage() }
        fd = -1
        if failure == nil, rename(temporary, target) != 0 { failure = lastErrorMessage() }
        if let failure {
            unlink(temporary)
            iijq_tempfile_forget(slot)
            throw AtomicFileError(reason: failure)
        }
        iijq_tempfile_forget(slot)
    }

    /// Abandons the file: the target keeps whatever it held.
    public func discard() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
        unlink(temporary)
        iijq_tempfile_forget(slot)
    }

    /// Writes all of `bytes` to `fd`, retrying short writes and EINTR; false on an error.
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                if n == 0 { errno = EIO }
                return false
            }
            done += n
        }
        return true
    }

    /// 16 hexadecimal digits from the system's random source.
    static func randomSuffix() -> String {
        let value = UInt64.random(in: .min ... .max)  // the system's generator: getrandom(2)
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    static func umaskValue() -> mode_t {
        let old = umask(0o022)
        umask(old)
        return old
    }
}

/// Why a file could not be written, as the system says it.
public struct AtomicFileError: Error {
    public var reason: String
}
