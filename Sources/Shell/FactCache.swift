import IIJQ
import LineEditor

#if canImport(Glibc)
import Glibc
#endif

/// `--facts` files compiled once: the fact base they load into (with the embedded facts) is kept
/// as an image (`FactImage`) in `$XDG_CACHE_HOME/iijq/`, else `~/.cache/iijq/`, named for a digest
/// of the files' names and contents, and the next load of the same files reads it instead.
///
/// An image is never trusted: one that is truncated, corrupt, of another format or written by
/// another build of iijq (its stamp names the binary and the embedded facts) is refused and
/// compiled again. Only a load without problems is kept, so a file's problems are always reported.
/// Images are written whole or not at all (`AtomicFile`); a cache that cannot be written is skipped.
enum FactCache {
    /// Where a set of fact files' image is, and the stamp it must carry.
    struct Entry {
        var path: String
        var producer: String
    }

    /// `$XDG_CACHE_HOME/iijq`, else `~/.cache/iijq`.
    static var directory: String? {
        if let cache = Paths.environment("XDG_CACHE_HOME") { return cache + "/iijq" }
        return Paths.home.map { $0 + "/.cache/iijq" }
    }

    /// The entry for loading `paths` in this order (from `directory`); nil when there is no cache
    /// directory or a file cannot be read (the load then reports it).
    static func entry(for paths: [String], in directory: String? = FactCache.directory) -> Entry? {
        guard !paths.isEmpty, let directory else { return nil }
        var low: UInt64 = 0x243F_6A88_85A3_08D3, high: UInt64 = 0x1319_8A2E_0370_7344
        for path in paths {
            guard let file = MappedFile(path) else { return nil }
            let name = Array(path.utf8), content = FactImage.digest(file.bytes, releasingTo: file)
            let nameDigest = name.withUnsafeBytes { FactImage.digest($0) }
            low = mix(low, nameDigest, content, UInt64(file.size))
            high = mix(high ^ 0x5851_F42D_4C95_7F2D, content, nameDigest, UInt64(name.count))
        }
        let key = hex(low) + hex(high)
        return Entry(path: "\(directory)/\(key).iqimg", producer: "iijq cache \(binary) \(embedded) \(key)")
    }

    /// The fact base cached for `entry`, or nil when there is none or it is refused.
    static func load(_ entry: Entry) -> FactBase? {
        guard let file = MappedFile(entry.path) else { return nil }
        // The base reads its columns in place from the mapping, which it keeps alive.
        return try? FactImage.base(from: file.bytes, producer: entry.producer, owner: file)
    }

    /// Keeps `base` as the image for `entry`; a failure only means the next load compiles again.
    static func store(_ base: FactBase, for entry: Entry) {
        let directory = String(entry.path[..<(entry.path.lastIndex(of: "/") ?? entry.path.startIndex)])
        guard makeDirectory(directory), let file = try? AtomicFile(target: entry.path, newFileMode: 0o600) else { return }
        // Streamed to the file: the image of a million facts is never held whole beside them.
        do {
            try FactImage.write(base, producer: entry.producer, to: FileSink(file.descriptor, readingFrom: file.temporary))
            try file.commit()
        } catch {
            file.discard()
        }
    }

    /// Creates `path` and its missing parents (mode 0700); false when it is not a directory after.
    static func makeDirectory(_ path: String) -> Bool {
        var built = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            built += "/" + part
            mkdir(built, 0o700)
        }
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// This binary, by its size and modification time: a rebuilt iijq compiles its caches again.
    static let binary: String = {
        var st = stat()
        guard stat("/proc/self/exe", &st) == 0 else { return "unknown-binary" }
        return "\(st.st_size)-\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
    }()

    /// The embedded facts' image, by digest: the cached base holds them too.
    static let embedded: String = hex(FactImage.digest(EmbeddedImage.bytes))

    private static func mix(_ h: UInt64, _ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        var h = h
        for v in [a, b, c] { h = (h ^ v) &* 0x9E37_79B9_7F4A_7C15; h ^= h >> 32 }
        return h
    }

    private static func hex(_ v: UInt64) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// A file an image is streamed to (`ImageSink`), through its descriptor (write-only, as
/// `AtomicFile` opens it), and read back through a second one.
final class FileSink: ImageSink {
    let fd: Int32, readFD: Int32
    init(_ fd: Int32, readingFrom path: String) {
        self.fd = fd
        readFD = open(path, O_RDONLY | O_CLOEXEC)
    }

    deinit { if readFD >= 0 { close(readFD) } }

    func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
        transfer(bytes.count) { done in Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done) }
    }

    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        transfer(bytes.count) { done in pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done)) }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Bool {
        readFD >= 0 && transfer(buffer.count) { done in pread(readFD, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done)) }
    }

    /// Repeats `step` (given the bytes done so far) until `count` are done, retrying EINTR; false on
    /// an error or an early end.
    private func transfer(_ count: Int, _ step: (Int) -> Int) -> Bool {
        var done = 0
        while done < count {
            let n = step(done)
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }
}
