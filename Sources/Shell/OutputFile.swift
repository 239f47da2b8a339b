import LineEditor

#if canImport(Glibc)
import Glibc
#endif

/// A file written whole or not at all (`AtomicFile`): text goes to a temporary file beside it,
/// which is renamed into place on `commit`. An error or a kill never leaves a half-written file
/// at `path`, a planted symbolic link is never followed, and an existing file keeps its mode
/// (a new one is 0644, less the umask).
final class OutputFile {
    let path: String
    /// The file renamed into place on `commit`; nil when `path` is a device or pipe written directly.
    private let file: AtomicFile?
    /// The device or pipe written directly, or -1.
    private var fd: Int32 = -1
    /// The first write error on a device, reported on commit.
    private var failure: String?

    /// Creates the temporary file; throws a message naming the problem.
    /// A device or pipe (`/dev/null`, `/dev/stdout`) is written directly: it cannot be replaced.
    init(path: String) throws(OutputFileError) {
        self.path = path
        guard !path.isEmpty else { throw OutputFileError(message: "the file name is empty; give a path, such as out.txt") }
        var st = stat()
        let exists = stat(path, &st) == 0
        if exists, (st.st_mode & S_IFMT) == S_IFDIR {
            throw OutputFileError(message: "'\(path)' is a directory")
        }
        if exists, (st.st_mode & S_IFMT) != S_IFREG {
            file = nil
            fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw OutputFileError(message: "cannot write '\(path)': \(FileIO.lastError())") }
            return
        }
        do {
            file = try AtomicFile(target: path, newFileMode: 0o644)
        } catch {
            throw OutputFileError(message: "cannot write '\(path)': \(error.reason)")
        }
    }

    deinit { discard() }

    /// Whether anything has been written to the file.
    private(set) var hasText = false

    func write(_ text: String) {
        hasText = hasText || !text.isEmpty
        if let file { return file.write(text) }
        guard failure == nil, fd >= 0 else { return }
        if !Terminal.write(fd, text) { failure = FileIO.lastError() }
    }

    /// The first write error so far, if any.
    var writeFailure: String? { file?.failure ?? failure }

    /// Moves the finished file into place; throws if any write, the flush or the rename failed.
    /// Once the file is committed or discarded, does nothing.
    func commit() throws(OutputFileError) {
        if let file {
            do { try file.commit() } catch {
                throw OutputFileError(message: "could not write '\(path)': \(error.reason); it was left as it was")
            }
            return
        }
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
        if let failure { throw OutputFileError(message: "could not write '\(path)': \(failure)") }
    }

    /// Abandons the file: `path` keeps whatever it held before.
    func discard() {
        file?.discard()
        if fd >= 0 { close(fd) }
        fd = -1
    }
}

struct OutputFileError: Error {
    var message: String
}
