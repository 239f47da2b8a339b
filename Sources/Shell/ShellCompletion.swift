import IIJQ
import LineEditor

#if canImport(Glibc)
import Glibc
#endif

/// Tab completion: the language's completer for statements, and the shell's own for dot-commands.
extension Shell {
    /// Candidates for the text before the cursor, given the lines of the statement typed so far.
    static func complete(_ before: String, pending: StatementReader, session: Session) -> LineEditor.Completion {
        if !pending.isContinuing, DotCommand.isCommandLine(before) {
            return completeCommand(before)
        }
        let text = pending.isContinuing ? pending.pendingText + "\n" + before : before
        let result = Completer(base: session.base, definitions: session.definitions).complete(text)
        return LineEditor.Completion(replacing: result.word.unicodeScalars.count, candidates: result.candidates)
    }

    /// A dot-command's name, or its argument: a mode, a help topic, on/off or a file name. Words
    /// are read as the command reads them, so a file name with a blank completes escaped
    /// (`my\ file.iq`, or after an open quote `"my file.iq`) and `.read` then finds it.
    static func completeCommand(_ before: String) -> LineEditor.Completion {
        let scalars = Array(before.unicodeScalars)
        var words = DotCommand.scan(scalars)
        let current = words.last?.end == scalars.count ? words.removeLast() : nil
        let typing = current?.text ?? ""
        let replacing = current.map { $0.end - $0.start } ?? 0
        func offer(_ options: [String]) -> LineEditor.Completion {
            LineEditor.Completion(replacing: replacing, candidates: options.filter { $0.hasPrefix(typing) })
        }
        guard let name = words.first?.text else {
            return offer(DotCommand.names.map { "." + $0 })
        }
        if words.count == 2, name == ".mode", OutputFormat(rawValue: words[1].text)?.isMachine == true { return offer(RecordLayout.allCases.map(\.rawValue)) }
        guard words.count == 1 else { return offer([]) }
        switch name {
        case ".mode": return offer(OutputFormat.allCases.map(\.rawValue))
        case ".timer", ".pager": return offer(["on", "off"])
        case ".notes": return offer(NotesMode.allCases.map(\.rawValue))
        case ".expanded": return offer(["on", "off", "auto"])
        case ".labels": return offer(Labels.allCases.map(\.rawValue))
        case ".help": return offer(Help.names)
        case ".tour": return offer(["next", "hint", "off"] + Tour.lessons.map { String($0.number) })
        case ".read", ".output", ".transcript", ".facts":
            let names = fileNames(startingWith: typing).map { DotCommand.quoted($0, openQuote: current?.openQuote) }
            return LineEditor.Completion(replacing: replacing, candidates: names)
        default: return offer([])
        }
    }

    /// Paths that start with `prefix`, directories with a trailing `/`; hidden files only when asked for.
    static func fileNames(startingWith prefix: String) -> [String] {
        let slash = prefix.lastIndex(of: "/")
        let directoryPart = slash.map { String(prefix[...$0]) } ?? ""
        let namePrefix = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
        var directory = directoryPart.isEmpty ? "." : directoryPart
        if directory.hasPrefix("~/"), let home = Paths.home { directory = home + directory.dropFirst() }
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name != ".", name != "..", name.hasPrefix(namePrefix), !name.hasPrefix(".") || namePrefix.hasPrefix(".") else { continue }
            var st = stat()
            let isDirectory = stat(directory + "/" + name, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
            names.append(directoryPart + name + (isDirectory ? "/" : ""))
        }
        return names.sorted()
    }
}
