import LineEditor

#if canImport(Glibc)
import Glibc
#endif

/// Reading files and writing to the standard streams without Foundation.
public enum FileIO {
    /// The whole file as UTF-8 text (invalid bytes become U+FFFD), or why it cannot be read: what
    /// `stream` reads, gathered.
    public static func read(_ path: String, limit: Int) -> Result<String, ReadFailure> {
        var bytes: [UInt8] = []
        return stream(path, limit: limit) { bytes.append(contentsOf: $0) }.map { String(decoding: bytes, as: UTF8.self) }
    }

    /// Passes the file's bytes to `chunk` in pieces of at most 64 KB, holding no more than one
    /// piece, or says why it cannot be read. At most `limit` bytes are read: a longer regular file
    /// is refused before any is read, a device that never ends (`/dev/zero`) once `limit` bytes
    /// have passed; a read error is an error, not the end. `chunk` may have seen part of the file
    /// when the read fails.
    public static func stream(_ path: String, limit: Int, _ chunk: (UnsafeBufferPointer<UInt8>) -> Void) -> Result<Void, ReadFailure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(ReadFailure(message: lastError())) }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            return .failure(ReadFailure(message: "it is a directory"))
        }
        if (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) > limit {
            return .failure(ReadFailure(message: tooLarge(limit)))
        }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var total = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, min($0.count, limit + 1 - total)) }
            if n < 0, errno == EINTR, !Terminal.interrupted { continue }
            if n < 0 { return .failure(ReadFailure(message: errno == EINTR ? "interrupted" : lastError())) }
            if n == 0 { return .success(()) }
            total += n
            if total > limit { return .failure(ReadFailure(message: tooLarge(limit))) }
            buffer.withUnsafeBufferPointer { chunk(UnsafeBufferPointer(rebasing: $0[0..<n])) }
        }
    }

    /// The size of the regular file at `path`; nil for anything else, or when it cannot be seen.
    public static func size(of path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(st.st_size)
    }

    static func tooLarge(_ limit: Int) -> String {
        "it holds more than the \(limit >> 20 > 0 ? "\(limit >> 20) MB" : "\(limit) bytes") iijq reads from such a file"
    }

    /// Why a file could not be read.
    public struct ReadFailure: Error {
        public var message: String
    }

    public static func lastError() -> String { lastErrorMessage() }

    public static func out(_ text: String) { Terminal.write(1, text) }

    public static func error(_ text: String) { Terminal.write(2, text) }
}
