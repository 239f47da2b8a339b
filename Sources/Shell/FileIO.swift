import LineEditor

#if canImport(Glibc)
import Glibc
#endif

/// Reading files and writing to the standard streams without Foundation.
public enum FileIO {
    /// The whole file as UTF-8 text (invalid bytes become U+FFFD), or why it cannot be read. At
    /// most `limit` bytes are read: a longer file, or a device that never ends (`/dev/zero`), is
    /// refused once `limit` bytes have been read, and a read error is an error, not the end.
    public static func read(_ path: String, limit: Int) -> Result<String, ReadFailure> {
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
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = Glibc.read(fd, &buffer, min(buffer.count, limit + 1 - bytes.count))
            if n < 0, errno == EINTR, !Terminal.interrupted { continue }
            if n < 0 { return .failure(ReadFailure(message: errno == EINTR ? "interrupted" : lastError())) }
            if n == 0 { break }
            bytes.append(contentsOf: buffer[0..<n])
            if bytes.count > limit { return .failure(ReadFailure(message: tooLarge(limit))) }
        }
        return .success(String(decoding: bytes, as: UTF8.self))
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
