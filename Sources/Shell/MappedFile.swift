import IIJQ

#if canImport(Glibc)
import Glibc
#endif

/// A regular file mapped read-only into memory: its bytes without copying them, for hashing a
/// fact file and reading a cached fact image.
final class MappedFile: ImageOwner, @unchecked Sendable {
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

    /// Drops the pages wholly inside `range` from memory; the file gives them back when read again.
    func release(_ range: Range<Int>) {
        guard let start = bytes.baseAddress, range.lowerBound >= 0, range.upperBound <= bytes.count else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE))), base = Int(bitPattern: start)
        let from = (base + range.lowerBound + page - 1) / page * page, to = (base + range.upperBound) / page * page
        guard to > from else { return }
        madvise(UnsafeMutableRawPointer(bitPattern: from), to - from, MADV_DONTNEED)
    }
}
