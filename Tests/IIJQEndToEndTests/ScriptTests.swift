import Foundation
import Testing

/// Scripts, standard input and `-c` read one language with the shell: dot-commands included.
/// 004, Ⅱ- 3. Revenues: 1Q24 revenue 72,016 ¥ mn; 1Q23 61,420.
@Suite(.serialized) struct ScriptTests {
    static let csv = "metric,period,value,high,unit,basis,bound,printed,computed,printed_value,printed_high,printed_unit\nrevenue,1Q24,72.016,,¥ bn,actual,,,,72016,,¥ mn\n"

    static func script(_ text: String) throws -> URL {
        let url = try Binary.temporaryDirectory().appendingPathComponent("s.iq")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func aScriptFileTakesDotCommands() throws {
        let r = try Binary.run([try Self.script(".mode csv\nrevenue @ 1Q24\n").path])
        #expect(r.status == 0 && r.stderr.isEmpty)
        #expect(r.stdout == Self.csv)
    }

    @Test func standardInputTakesDotCommands() throws {
        let r = try Binary.run([], stdin: ".mode csv\nrevenue @ 1Q24\n")
        #expect(r.status == 0 && r.stderr.isEmpty)
        #expect(r.stdout == Self.csv)
    }

    @Test func dashCTakesDotCommands() throws {
        let r = try Binary.run(["-c", ".mode csv", "-c", "revenue @ 1Q24"])
        #expect(r.status == 0 && r.stderr.isEmpty)
        #expect(r.stdout == Self.csv)
    }

    /// `.history`, `.clear` and `.tour` need the interactive shell: in a script each is an error at
    /// its line and column, and the script goes on.
    @Test func commandsOfTheInteractiveShellAreErrorsInAScript() throws {
        let script = try Self.script("revenue @ 1Q24\n  .history\n.clear\n.tour 2\nrevenue @ 1Q23\n")
        let r = try Binary.run([script.path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("72.016") && r.stdout.contains("61.420"))
        #expect(r.stderr.hasPrefix("\(script.path):2:3: error: .history works only in the interactive shell, not in a script\n"))
        #expect(r.stderr.contains("\(script.path):3:1: error: .clear works only in the interactive shell"))
        #expect(r.stderr.contains("\(script.path):4:1: error: .tour works only in the interactive shell"))
        #expect(!r.stdout.contains("\u{1B}"))
    }

    /// `.quit` ends the run; status lines go to standard error, so standard output holds results only.
    @Test func quitEndsTheRunAndStatusLinesGoToStandardError() throws {
        let r = try Binary.run([], stdin: ".mode\n.timer on\nrevenue @ 1Q24\n.quit\nrevenue @ 1Q23\n")
        #expect(r.status == 0)
        #expect(r.stdout == "(¥ bn)     1Q24\nrevenue  72.016\n")
        #expect(r.stderr.hasPrefix("mode: table\ntime: "))
    }

    /// A failing dot-command counts as a failure: exit status 1, and `--bail` stops there.
    @Test func aFailingCommandFailsTheRunAndBailStopsIt() throws {
        let script = try Self.script("revenue @ 1Q24\n.mode xml\nrevenue @ 1Q23\n")
        let r = try Binary.run([script.path])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("\(script.path):2:7: error: unknown mode 'xml'"))
        #expect(r.stdout.contains("61.420"))
        let bailed = try Binary.run(["--bail", script.path])
        #expect(bailed.status == 1 && !bailed.stdout.contains("61.420"))
    }

    /// `.read` works in a script as in the shell, and a script cannot read itself.
    @Test func aScriptReadsAnotherButNotItself() throws {
        let dir = try Binary.temporaryDirectory()
        let inner = dir.appendingPathComponent("inner.iq"), outer = dir.appendingPathComponent("outer.iq")
        try ".mode csv\n".write(to: inner, atomically: true, encoding: .utf8)
        try ".read \(inner.path)\nrevenue @ 1Q24\n.read \(outer.path)\n".write(to: outer, atomically: true, encoding: .utf8)
        let r = try Binary.run([outer.path])
        #expect(r.status == 1)
        #expect(r.stdout == Self.csv)
        #expect(r.stderr.hasPrefix("\(outer.path):3:7: error: '\(outer.path)' is already being read"))
    }
}
