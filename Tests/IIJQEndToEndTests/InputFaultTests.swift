import Foundation
import Testing

/// Input that fails, never ends or is mistaken for an option (issue 17, 6, 8, 17, 19, 20): each
/// stops with a message and status 1, in bounded memory, or runs as typed.
@Suite struct InputFaultTests {
    /// Runs iijq under a 1 GB address-space limit, so reading without a bound fails loudly.
    static func bounded(_ arguments: [String], stdin: String? = nil) throws -> Binary.Outcome {
        try Binary.run(["-c", "ulimit -v 1000000; exec \"$@\"", "sh", Binary.url.path] + arguments,
                       stdin: stdin, executable: URL(fileURLWithPath: "/bin/sh"))
    }

    /// A read error is not the end of the input (6).
    @Test func aReadErrorFailsTheRun() throws {
        let r = try Binary.run(["/proc/self/mem"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("/proc/self/mem: error: cannot read line 1: Input/output error\n"))
    }

    /// A line with no line break is read only as far as a statement may be long (8).
    @Test func aLineThatNeverEndsStopsTheRun() throws {
        let file = try Self.bounded(["/dev/zero"])
        #expect(file.status == 1)
        #expect(file.stderr.hasPrefix("/dev/zero: error: line 1 has more than the 1,000,000 bytes a statement may hold and no line break yet; stopped reading\n"))
    }

    /// `iijq < /dev/zero` stops the same way.
    @Test func standardInputThatNeverEndsStopsTheRun() throws {
        let r = try Binary.run(["-c", "ulimit -v 1000000; exec \"$0\" < /dev/zero", Binary.url.path],
                               executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("<stdin>: error: line 1 has more than the 1,000,000 bytes a statement may hold"))
    }

    /// A facts file is bounded before it is read whole (8): `/dev/zero` is refused after 256 MB.
    @Test func aFactsFileThatNeverEndsIsRefused() throws {
        let r = try Self.bounded(["--facts", "/dev/zero", "-c", "1"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("iijq: cannot read facts file '/dev/zero': it holds more than the 256 MB iijq reads from such a file\n"))
    }

    /// A script's `.facts` and `.read` of a file that never ends stop at their limits, under a
    /// bounded address space, and the script goes on (8).
    @Test func dotCommandsOfAFileThatNeverEndsStopAtTheirLimits() throws {
        let r = try Self.bounded([], stdin: ".facts /dev/zero\n.read /dev/zero\n1 + 1\n")
        #expect(r.stderr.contains("cannot read facts file '/dev/zero': it holds more than the 256 MB iijq reads from such a file"))
        #expect(r.stderr.contains("more than the 1,000,000 bytes a statement may hold"))
        #expect(r.stdout.contains("2"))
    }

    /// `-c` takes its value as it is, even when it starts with `-` (19).
    @Test func dashCTakesAQueryThatStartsWithADash() throws {
        let negative = try Binary.run(["-c", "-revenue @ 1Q24"])
        #expect(negative.status == 0)
        #expect(negative.stdout.contains("-72.016"))
        let comment = try Binary.run(["-c", "-- note", "-c", "revenue @ 1Q24"])
        #expect(comment.status == 0 && comment.stderr.isEmpty)
        #expect(comment.stdout.contains("72.016"))
    }

    /// `.facts DIR` and `.output ""` fail at once, at the argument, saying what would work (17);
    /// `.output ""` writes no hidden file.
    @Test func factsOfADirectoryAndAnEmptyOutputNameFailAtTheArgument() throws {
        let dir = try Binary.temporaryDirectory()
        let script = dir.appendingPathComponent("s.iq")
        try ".facts \(dir.path)\n.output \"\"\nrevenue @ 1Q24\n".write(to: script, atomically: true, encoding: .utf8)
        let r = try Binary.run([script.path], cwd: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(script.path):1:8: error: cannot load '\(dir.path)': it is a directory\n"))
        #expect(r.stderr.contains("help: `.facts` takes a .facts file you can read; Tab completes file names\n"))
        #expect(r.stderr.contains("\(script.path):2:9: error: the file name is empty; give a path, such as out.txt\n"))
        #expect(r.stdout.contains("72.016"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["s.iq"])
    }

    /// "No facts" for a metric with none on any basis says so, instead of an empty list (20).
    @Test func aMetricWithNoFactsSaysSo() throws {
        let dir = try Binary.temporaryDirectory()
        let facts = dir.appendingPathComponent("m.facts")
        try "metric empty_metric flow \"A metric with no facts yet\" topic=segments\n".write(to: facts, atomically: true, encoding: .utf8)
        let r = try Binary.run(["--facts", facts.path, "-c", "empty_metric @ 1Q24"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("help: empty_metric has no actual facts; it has no facts on any basis yet\n"))
        #expect(!r.stderr.contains("bases it has: \n"))
    }

    /// Option values and paths a message repeats show their escapes instead of sending them to
    /// the terminal (11): `--help-topic`, `--format`, `-o`, a script's name.
    @Test(arguments: [["--help-topic", "\u{1B}[2J"], ["--format", "\u{1B}[2J", "-c", "1"],
                      ["-o", "/nonexistent/\u{1B}[2J", "-c", "1"], ["/nonexistent/\u{1B}[2J"]])
    func optionValuesAndPathsAreShownNotSent(_ arguments: [String]) throws {
        let r = try Binary.run(arguments)
        #expect(r.status != 0)
        #expect(!r.stderr.contains("\u{1B}"))
        #expect(r.stderr.contains("\u{241B}[2J"))
    }

    /// A user's facts file is checked as the embedded ones are (18): its `printed` lines, its
    /// quarters against its years and its parts against its totals; a file that adds up loads.
    @Test func aUserFactsFileIsCheckedAsTheEmbeddedOnesAre() throws {
        let dir = try Binary.temporaryDirectory()
        func run(_ name: String, _ text: String) throws -> Binary.Outcome {
            let url = dir.appendingPathComponent(name)
            try ("source 004 \"S\"\n" + text).write(to: url, atomically: true, encoding: .utf8)
            return try Binary.run(["--facts", url.path, "-c", "revenue @ 1Q30"], cwd: dir)
        }
        let check = try run("c.facts", "revenue @ 1Q30 = 5 yen_mn \"x\"\nprinted revenue @ 1Q30 == 7 yen_mn \"seven\"\n")
        #expect(check.status == 1)
        #expect(check.stderr.contains("c.facts:3:9: revenue @ 1Q30 gives 5 ¥ mn from the facts (their rounding allows 4.5 … 5.5), but the file prints 7 ¥ mn\n"))
        let quarters = (1...4).map { "revenue @ \($0)Q30 = 1 yen_mn \"q\"\n" }.joined()
        let sums = try run("s.facts", quarters + "revenue @ FY30 = 50 yen_mn \"y\"\n")
        #expect(sums.status == 1)
        #expect(sums.stderr.contains("revenue @ FY30 [actual]: its quarters sum to 4000000 but the total is 50000000 (¥)"))
        let good = try run("g.facts", quarters + "revenue @ FY30 = 4 yen_mn \"y\"\nprinted revenue @ 1Q30 == 1 yen_mn \"one\"\n")
        #expect(good.status == 0 && good.stderr.isEmpty)
    }
}
