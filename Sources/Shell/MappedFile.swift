#if canImport(Glibc)
import Glibc
#endif

/// A regular file mapped read-only into memory: its bytes without copying them, for hashing a
/// fact file and reading a cached fact image.
final class MappedFile {
    let bytes: UnsafeRawBufferPointer
    /// The file's size and modification time when it was mapped.
    let size: Int, modified: timespec

    /// Maps the regular file at `path`; nil when it cannot be opened or is not a regular file.
    init?(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        size = Int(st.st_size)
        modified = st.st_mtim
        if size == 0 {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let start = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), start != MAP_FAILED else { return nil }
        bytes = UnsafeRawBufferPointer(start: start, count: size)
    }

    deinit {
        if let start = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: start), bytes.count) }
    }
}
