#if canImport(Glibc)
import Glibc
#endif

// Small file-system helpers the history file needs, shared with the shell's other state files.

/// Creates the directories above `path` (mode 0700) when missing; the shell's other state files
/// (the tour's progress) use it too.
public func makeDirectory(of path: String) -> Bool {
    guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return true }
    let directory = String(path[..<slash])
    var st = stat()
    if stat(directory, &st) == 0 { return (st.st_mode & S_IFMT) == S_IFDIR }
    guard makeDirectory(of: directory) else { return false }
    return mkdir(directory, 0o700) == 0 || errno == EEXIST
}

/// The canonical form of an existing path (symbolic links resolved), or the path as given.
public func canonicalPath(_ path: String) -> String {
    guard let real = realpath(path, nil) else { return path }
    defer { free(real) }
    return String(cString: real)
}

/// The message for the last system error (`errno`).
public func lastErrorMessage() -> String { String(cString: strerror(errno)) }
