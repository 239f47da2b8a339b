import IIJQ

/// A shell command: a line that starts with `.`, outside the query language.
enum DotCommand: Equatable {
    case help(topic: String?)
    /// A format, and for csv, tsv and json a layout (long unless `wide` follows).
    case mode(OutputFormat?, RecordLayout)
    case maxRows(Int?)
    case timer(Bool?)
    case pager(Bool?)
    case notes(NotesMode?)
    /// `.expanded on|off|auto`; no argument toggles.
    case expanded(String?)
    case labels(Labels?)
    /// `.scale bn|億円|mn|…|auto`: the scale money is shown at (`auto`: each metric's own).
    case scale(String?)
    case why
    case read(path: String)
    case output(path: String?)
    case transcript(path: String?)
    case history(last: Int?)
    case facts(path: String)
    case clear
    case quit
    case tour(TourStep)

    /// What `.tour` is asked to do.
    enum TourStep: Equatable {
        /// `.tour`: carry on where the learner left off.
        case resume
        /// `.tour N`: go to lesson N.
        case lesson(Int)
        /// `.tour next`, `.tour hint`, `.tour off`.
        case next, hint, off
    }

    /// Whether the command needs the interactive shell's terminal (its history, screen or tour):
    /// in a script, from standard input or `-c` it is an error.
    var needsTerminal: Bool {
        switch self {
        case .history, .clear, .tour: true
        case .help, .mode, .maxRows, .timer, .pager, .notes, .expanded, .labels, .scale, .why, .read, .output, .transcript, .facts, .quit: false
        }
    }

    /// Every command's name, without its dot.
    static let names = ["help", "mode", "maxrows", "timer", "pager", "notes", "expanded", "labels", "scale", "why", "read", "output", "transcript", "history", "facts", "tour", "clear", "quit", "exit"]

    /// Whether a line (outside a statement being continued) is a dot-command: its first non-blank is `.`.
    static func isCommandLine(_ line: some StringProtocol) -> Bool {
        line.drop(while: { $0 == " " || $0 == "\t" }).first == "."
    }

    /// A word of the command line and where it is.
    struct Word {
        var text: String
        var span: Span
    }

    /// Parses one command line; errors point at the word that is wrong.
    static func parse(_ source: Source) throws(Diagnostic) -> DotCommand {
        let words = split(source)
        guard let first = words.first else { throw Diagnostic(.unknownCommand, "empty command", hints: ["`.help commands` lists the commands"]) }
        let name = expanded(String(first.text.dropFirst()))
        let args = Array(words.dropFirst())
        func none() throws(Diagnostic) {
            if let extra = args.first {
                throw Diagnostic(.invalidArgument, ".\(name) takes no argument", at: extra.span, hints: ["write just .\(name)"])
            }
        }
        func atMostOne(_ usage: String) throws(Diagnostic) -> Word? {
            if args.count > 1 {
                throw Diagnostic(.invalidArgument, "too many arguments to .\(name)", at: args[1].span, hints: ["usage: \(usage)"])
            }
            return args.first
        }
        func one(_ usage: String) throws(Diagnostic) -> Word {
            guard let word = try atMostOne(usage) else {
                throw Diagnostic(.invalidArgument, ".\(name) needs an argument", at: first.span, hints: ["usage: \(usage)"])
            }
            return word
        }
        func count(_ word: Word?, _ usage: String) throws(Diagnostic) -> Int? {
            guard let word else { return nil }
            guard let n = Int(word.text), n >= 0 else {
                throw Diagnostic(.invalidArgument, "'\(word.text)' is not a count", at: word.span, hints: ["usage: \(usage)"])
            }
            return n
        }
        switch name {
        case "help": return .help(topic: try atMostOne(".help [TOPIC]")?.text)
        case "mode":
            let usage = ".mode [\(modes.joined(separator: "|")) [long|wide]]"
            if args.count > 2 { throw Diagnostic(.invalidArgument, "too many arguments to .mode", at: args[2].span, hints: ["usage: \(usage)"]) }
            let format = try format(args.first)
            guard args.count == 2 else { return .mode(format, .long) }
            guard format?.isMachine == true else {
                throw Diagnostic(.invalidArgument, "only csv, tsv and json take a layout", at: args[1].span, hints: ["usage: \(usage)"])
            }
            return .mode(format, try setting(args[1], of: name, in: RecordLayout.allCases.map(\.rawValue)).flatMap(RecordLayout.init) ?? .long)
        case "maxrows": return .maxRows(try count(try atMostOne(".maxrows [N]"), ".maxrows N (0 shows every row)"))
        case "timer", "pager":
            let on = try setting(try atMostOne(".\(name) on|off"), of: name, in: ["on", "off"]).map { $0 == "on" }
            return name == "timer" ? .timer(on) : .pager(on)
        case "notes": return .notes(try setting(try atMostOne(".notes on|short|off"), of: name, in: ["on", "short", "off"]).flatMap(NotesMode.init))
        case "expanded": return .expanded(try setting(try atMostOne(".expanded [on|off|auto]"), of: name, in: ["on", "off", "auto"]))
        case "labels": return .labels(try setting(try atMostOne(".labels [ja|en]"), of: name, in: ["ja", "en"]).flatMap(Labels.init))
        case "scale": return .scale(try setting(try atMostOne(scaleUsage), of: name, in: scaleWords))
        case "why": try none(); return .why
        case "read": return .read(path: try one(".read FILE").text)
        case "output", "transcript":
            let word = try atMostOne(".\(name) [FILE]")
            if let word, word.text.hasPrefix("|") {
                throw Diagnostic(.invalidArgument, ".\(name) writes to a file, not to a command: '\(word.text)'", at: word.span,
                                 hints: ["iijq does not pipe results; a file whose name starts with '|' is written ./\(word.text)"])
            }
            return name == "output" ? .output(path: word?.text) : .transcript(path: word?.text)
        case "history": return .history(last: try count(try atMostOne(".history [N]"), ".history [N]"))
        case "facts": return .facts(path: try one(".facts FILE").text)
        case "tour": return .tour(try tourStep(try atMostOne(tourUsage)))
        case "clear": try none(); return .clear
        case "quit", "exit": try none(); return .quit
        default:
            let several = names.filter { $0.hasPrefix(name) }
            let peer = peers[name].map { [$0] } ?? (several.count > 1 && !name.isEmpty ? ["'.\(name)' could be " + several.map { ".\($0)" }.joined(separator: " or ")] : nil)
            throw Diagnostic(.unknownCommand, "unknown command '.\(name)'", at: first.span,
                             hints: peer ?? ((Suggest.closest(to: name, in: names).map { ["did you mean '.\($0)'?"] } ?? []) + ["`.help commands` lists the commands"]))
        }
    }

    /// The value a setting command (`.timer`, `.pager`, `.notes`, `.expanded`) is given: one of
    /// `choices`, or nil when none is given.
    static func setting(_ word: Word?, of name: String, in choices: [String]) throws(Diagnostic) -> String? {
        guard let word else { return nil }
        guard choices.contains(word.text) else {
            let usage = "." + name + " " + choices.joined(separator: "|")
            throw Diagnostic(.invalidArgument, ".\(name) is \(choices.dropLast().joined(separator: ", ")) or \(choices.last!), not '\(word.text)'",
                             at: word.span, hints: ["usage: \(usage)"])
        }
        return word.text
    }

    /// A command's name from a unique abbreviation (`.q` is `.quit`, `.ma` is `.maxrows`); any
    /// other word as it is.
    static func expanded(_ word: String) -> String {
        guard !word.isEmpty, !names.contains(word) else { return word }
        let matches = names.filter { $0.hasPrefix(word) }
        return matches.count == 1 ? matches[0] : word
    }

    /// What other shells' commands are in iijq, said when one is typed.
    static let peers: [String: String] = [
        "tables": "iijq has metrics, not tables: `metrics` lists them by topic",
        "schema": "`describe NAME` shows a metric's dimensions, members, periods and units; `metrics` lists every metric",
        "headers": "tables always show their headers", "databases": "the fact base is built in; `sources` lists its documents",
    ]

    /// A line other shells understand, typed alone at the prompt, as the iijq line it means:
    /// `help`, `exit`, `quit`, `\q`, `\?`, `\d` (and `\d NAME`), `\dt`. Nil for any other line.
    static func peerLine(_ line: String) -> String? {
        let words = line.split(separator: " ").map(String.init)
        switch words.first {
        case "help"?, "\\?"?, "\\h"?: return words.count == 1 ? ".help" : nil
        case "exit"?, "quit"?, "\\q"?: return words.count == 1 ? ".quit" : nil
        case "\\x"?: return words.count <= 2 ? ([".expanded"] + words.dropFirst()).joined(separator: " ") : nil
        case "\\d"?, "\\dt"?: return words.count == 2 ? "describe \(words[1])" : words.count == 1 ? "metrics" : nil
        default: return nil
        }
    }

    /// The output formats' names, which `.mode` takes.
    static let modes = OutputFormat.allCases.map(\.rawValue)

    /// `.mode`'s argument: a format, or nil to show the one in use.
    static func format(_ word: Word?) throws(Diagnostic) -> OutputFormat? {
        guard let word else { return nil }
        guard let format = OutputFormat(rawValue: word.text) else {
            throw Diagnostic(.invalidArgument, "unknown mode '\(word.text)'", at: word.span,
                             hints: Suggest.hint(for: word.text, in: modes) + ["modes are: " + modes.joined(separator: ", ")])
        }
        return format
    }

    /// What `.scale` (and `--scale`) takes: a scale word of `in`, or `auto`.
    static let scaleWords = DisplayUnit.scaleWords.map(\.word) + ["auto"]
    static let scaleUsage = ".scale [bn|億円|mn|thousand|yen|auto]"

    static let tourUsage = ".tour [N|next|hint|off]"

    /// `.tour`'s argument: a lesson number or a step; none resumes the tour.
    static func tourStep(_ word: Word?) throws(Diagnostic) -> TourStep {
        guard let word else { return .resume }
        switch word.text {
        case "next": return .next
        case "hint": return .hint
        case "off": return .off
        default:
            guard let n = Int(word.text), (1...Tour.lessons.count).contains(n) else {
                throw Diagnostic(.invalidArgument, "'\(word.text)' is not a lesson: the tour has lessons 1 to \(Tour.lessons.count)", at: word.span,
                                 hints: ["usage: \(tourUsage)"])
            }
            return .lesson(n)
        }
    }

    /// Splits a command line into words as a shell does (see `scan`); a leading `~/` stands for
    /// the home directory.
    static func split(_ source: Source) -> [Word] {
        let scalars = Array(source.text.unicodeScalars)
        var offsets: [Int] = [0]
        for s in scalars { offsets.append(offsets.last! + UTF8.width(s)) }
        return scan(scalars).map { raw in
            var word = raw.text
            if scalars[raw.start] == "~", raw.start + 1 < raw.end, scalars[raw.start + 1] == "/", let home = Paths.home {
                word = home + word.dropFirst()
            }
            return Word(text: word, span: Span(start: offsets[raw.start], end: offsets[raw.end], line: source.firstLine, column: raw.start + 1))
        }
    }
}
