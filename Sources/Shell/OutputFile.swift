import LineEditor

#if canImport(Glibc)
import Glibc
#endif

/// A file written whole or not at all: text goes to a temporary file beside it, which is renamed
/// into place on `commit`. An error or a kill never leaves a half-written file at `path`.
final class OutputFile {
    let path: String
    /// The file written until `commit` renames it; nil when `path` is written directly.
    let temporary: String?
    private var fd: Int32
    /// The first write error, reported on commit.
    private var failure: String?

    /// Creates the temporary file; throws a message naming the problem.
    /// A device or pipe (`/dev/null`, `/dev/stdout`) is written directly: it cannot be replaced.
    init(path: String) throws(OutputFileError) {
        self.path = path
        var st = stat()
        let exists = stat(path, &st) == 0
        if exists, (st.st_mode & S_IFMT) == S_IFDIR { throw OutputFileError(message: "'\(path)' is a directory") }
        let direct = exists && (st.st_mode & S_IFMT) != S_IFREG
        temporary = direct ? nil : "\(path).\(getpid()).tmp"
        fd = temporary.map { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666) } ?? open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw OutputFileError(message: "cannot write '\(path)': \(FileIO.lastError())") }
    }

    deinit { discard() }

    func write(_ text: String) {
        guard failure == nil else { return }
        if !Terminal.write(fd, text) { failure = FileIO.lastError() }
    }

    /// Moves the finished file into place; throws if any write, the flush or the rename failed.
    /// Once the file is committed or discarded, does nothing.
    func commit() throws(OutputFileError) {
        guard fd >= 0 else { return }  // already committed or discarded
        if temporary != nil, failure == nil, fsync(fd) != 0 { failure = FileIO.lastError() }
        close(fd)
        fd = -1
        guard let temporary else {
            if let failure { throw OutputFileError(message: "could not write '\(path)': \(failure)") }
            return
        }
        if failure == nil, rename(temporary, path) != 0 { failure = FileIO.lastError() }
        if let failure {
            unlink(temporary)
            throw OutputFileError(message: "could not write '\(path)': \(failure); it was left as it was")
        }
    }

    /// Abandons the file: `path` keeps whatever it held before.
    func discard() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
        if let temporary { unlink(temporary) }
    }
}

struct OutputFileError: Error {
    var message: String
}
