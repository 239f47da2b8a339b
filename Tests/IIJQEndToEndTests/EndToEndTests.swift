import Foundation
import Testing

@Suite(.serialized) struct EndToEnd {
    // 004, Ⅱ- 3. Revenues: 1Q24 NW 39,058, SI 32,243, ATM 715; total 72,016.
    @Test func oneShotJSON() throws {
        let r = try Binary.run(["-c", "revenue @ 1Q24 by segment", "--format", "json"])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        let records = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(records.count == 3)
        #expect(records.map { ($0["dimensions"] as? [String: String])?["segment"] ?? "" } == ["nw_services", "si", "atm"])
        // Shown in revenue's one scale, ¥ bn, with the figure as printed in ¥ mn beside it.
        #expect(records.map { "\($0["printed_value"]!)" } == ["39058", "32243", "715"])
        #expect(records.allSatisfy { $0["unit"] as? String == "¥ bn" && $0["printed_unit"] as? String == "¥ mn" && $0["basis"] as? String == "actual" && $0["period"] as? String == "1Q24" })
    }

    @Test func oneShotTable() throws {
        let r = try Binary.run(["-c", "revenue @ 1Q24"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("72.016"))
        // 004, Ⅰ. 1Q24 Summary: "+17.3% YoY".
        #expect(try Binary.run(["-c", "yoy(revenue) @ 1Q24"]).stdout.contains("17.3%"))
        // 004, Ⅱ- 3: "FY23: 276,080".
        #expect(try Binary.run(["-c", "sum(revenue) @ 1Q23..4Q23"]).stdout.contains("276.080"))
    }

    @Test func repeatedQueries() throws {
        let r = try Binary.run(["-c", "revenue @ 1Q24", "-c", "revenue @ 1Q23"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("72.016") && r.stdout.contains("61.420"))
    }

    @Test func unknownMetricError() throws {
        let r = try Binary.run(["-c", "revenu @ 1Q24"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == """
            1:1: error: unknown metric 'revenu'
              revenu @ 1Q24
              ^^^^^^
            help: did you mean 'revenue'?
            help: `metrics WORD` finds metrics by meaning; `metrics` lists them all

            """)
    }

    @Test func standardInput() throws {
        let r = try Binary.run([], stdin: "revenue @ 1Q24\nrevenue @ 1Q23\n")
        #expect(r.status == 0)
        #expect(r.stdout.contains("72.016") && r.stdout.contains("61.420"))
        #expect(!r.stdout.contains("iijq>"))
    }

    @Test func standardInputMultiLineAndErrorLocation() throws {
        let r = try Binary.run([], stdin: "revenue{segment in [nw_services,\n  si]} @ 1Q24 by segment\nrevenue @ 5Q24\n")
        #expect(r.status == 1)
        #expect(r.stdout.contains("39.058") && r.stdout.contains("32.243"))
        #expect(r.stderr.hasPrefix("<stdin>:3:11: error: 5Q24 is not a period: quarters are 1Q–4Q"))
    }

    @Test func scriptErrorOnLine3() throws {
        let dir = try Binary.temporaryDirectory()
        let script = dir.appendingPathComponent("script.iq")
        try "-- a script\nrevenue @ 1Q24\nrevenu @ 1Q24\nrevenue @ 1Q23\n".write(to: script, atomically: true, encoding: .utf8)
        let r = try Binary.run([script.path])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("\(script.path):3:1: error: unknown metric 'revenu'"))
        #expect(r.stdout.contains("72.016") && r.stdout.contains("61.420"))
        let bailed = try Binary.run(["--bail", script.path])
        #expect(bailed.status == 1)
        #expect(!bailed.stdout.contains("61.420"))
    }

    /// A script runs as it is read, statement by statement, rather than read whole first: its
    /// first answer arrives while the rest of the file is not yet written (so a script of a million
    /// statements needs no more memory than one). 004, Ⅱ- 3. Revenues: 1Q24 72,016.
    @Test func aScriptRunsAsItIsRead() throws {
        let dir = try Binary.temporaryDirectory()
        let fifo = dir.appendingPathComponent("script.iq").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let process = Process()
        process.executableURL = Binary.url
        process.arguments = [fifo]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let writer = try #require(FileHandle(forWritingAtPath: fifo))
        writer.write(Data("revenue @ 1Q24\nrevenue{segment in\n".utf8))
        var seen = ""
        let deadline = Date().addingTimeInterval(60)  // a guard against hanging, not a measurement
        while !seen.contains("72.016"), Date() < deadline {
            seen += String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        }
        #expect(seen.contains("72.016"))
        writer.write(Data("  [si]} @ 1Q23\nrevenu @ 1Q24\n".utf8))
        try writer.close()
        seen += String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // 004, Ⅱ- 3. Revenues: SI 1Q23 24,341.
        #expect(seen.contains("24.341"))
        #expect(process.terminationStatus == 1)
    }

    /// An error inside a multi-line statement names the line it is on, counted in the file.
    @Test func anErrorInAMultiLineStatementNamesItsOwnLine() throws {
        let dir = try Binary.temporaryDirectory()
        let script = dir.appendingPathComponent("multi.iq")
        try "revenue @ 1Q24\n\nrevenue{segment in [\n  si,\n  nw_servics]} @ 1Q24\n".write(to: script, atomically: true, encoding: .utf8)
        let r = try Binary.run([script.path])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("\(script.path):5:3: error: 'nw_servics' is not a value of segment"))
    }

    /// `--output` writes the file whole or not at all. 004, Ⅱ- 3. Revenues: 1Q24 72,016.
    @Test func outputFileIsWrittenWholeOrNotAtAll() throws {
        let dir = try Binary.temporaryDirectory()
        let file = dir.appendingPathComponent("out.txt")
        let r = try Binary.run(["-c", "revenue @ 1Q24", "--output", file.path])
        #expect(r.status == 0 && r.stdout.isEmpty)
        #expect(try String(contentsOf: file, encoding: .utf8).contains("72.016"))
        // A run that --bail stops leaves the file as it was.
        try "before\n".write(to: file, atomically: true, encoding: .utf8)
        let stopped = try Binary.run(["--bail", "-c", "revenue @ 1Q24", "-c", "revenu @ 1Q24", "-o", file.path])
        #expect(stopped.status == 1)
        #expect(try String(contentsOf: file, encoding: .utf8) == "before\n")
        // The export goes through the same file.
        let csv = dir.appendingPathComponent("facts.csv")
        #expect(try Binary.run(["--export", "csv", "-o", csv.path]).status == 0)
        #expect(try String(contentsOf: csv, encoding: .utf8).hasPrefix("metric,dimensions,period,value"))
        // Where the file cannot be written, nothing runs.
        let directory = try Binary.run(["-c", "revenue @ 1Q24", "-o", dir.path])
        #expect(directory.status == 1 && directory.stderr == "iijq: '\(dir.path)' is a directory\nhelp: -o takes the path of a file in a directory you can write; nothing was run\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["facts.csv", "out.txt"])
    }

    /// A run killed while it writes its --output file leaves the old file in place.
    @Test func aKilledRunLeavesTheOutputFileAsItWas() throws {
        let dir = try Binary.temporaryDirectory()
        let file = dir.appendingPathComponent("out.txt")
        try "before\n".write(to: file, atomically: true, encoding: .utf8)
        let fifo = dir.appendingPathComponent("script.iq").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let process = Process()
        process.executableURL = Binary.url
        process.arguments = ["-o", file.path, fifo]
        try process.run()
        let writer = try #require(FileHandle(forWritingAtPath: fifo))
        writer.write(Data(String(repeating: "revenue @ 1Q24 by segment\n", count: 200).utf8))
        // Wait until the temporary file beside it has results in it, then kill.
        let temporary = file.path + ".\(process.processIdentifier).tmp"
        let deadline = Date().addingTimeInterval(60)  // a guard against hanging, not a measurement
        while ((try? FileManager.default.attributesOfItem(atPath: temporary)[.size] as? Int) ?? 0) == 0, Date() < deadline {
            usleep(10_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? writer.close()
        #expect(try String(contentsOf: file, encoding: .utf8) == "before\n")
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try Binary.run(["--format", "xml", "-c", "revenue @ 1Q24"]).status == 2)
        #expect(try Binary.run(["--no-such-flag"]).status == 2)
        let help = try Binary.run(["--help"])
        #expect(help.status == 0 && help.stdout.contains("USAGE"))
        let version = try Binary.run(["--version"])
        #expect(version.status == 0 && !version.stdout.isEmpty)
    }

    @Test func missingScript() throws {
        let r = try Binary.run(["/nonexistent/report.iq"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("cannot read '/nonexistent/report.iq'"))
    }

    /// An unreadable --facts file is reported, but the embedded facts still answer (1Q24 revenue
    /// 72,016 ¥ mn, 004 Ⅱ- 3. Revenues); the exit status says something failed.
    @Test func unreadableFactsFileKeepsTheEmbeddedFacts() throws {
        let r = try Binary.run(["--facts", "/nonexistent/mine.facts", "-c", "revenue @ 1Q24"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("cannot read facts file '/nonexistent/mine.facts'"))
        #expect(r.stdout.contains("72.016"))
    }

    /// 1Q24 revenue by service: internet enterprise 11,642, consumer 6,601 (004, Ⅱ- 5. NW services revenues).
    @Test func maxRowsCutsATableAndSaysHowMuch() throws {
        let r = try Binary.run(["--max-rows", "2", "-c", "revenue @ 1Q24 by service"])
        #expect(r.status == 0)
        #expect(r.stdout == """
            service (¥ bn)         1Q24
            internet_enterprise  11.642
            internet_consumer     6.601
            (4 more rows not shown: raise the limit with .maxrows or --max-rows)

            """)
    }

    /// `--scale` sets the scale money is shown at: FY23 revenue 276,080 ¥ mn (004, Ⅱ- 3. Revenues);
    /// a word that is not a scale is a usage error.
    @Test func scaleOptionShowsMoneyAtOneScale() throws {
        let r = try Binary.run(["--scale", "mn", "-c", "revenue @ FY23"])
        #expect(r.status == 0 && r.stdout == "(¥ mn)      FY23\nrevenue  276,080\n")
        let wrong = try Binary.run(["--scale", "furlong", "-c", "revenue @ FY23"])
        #expect(wrong.status == 2 && wrong.stderr.contains("--scale takes bn, 億円, mn, thousand, yen or auto"))
    }

    /// 1Q24 − 4Q23 revenue: 72,016 − 74,982 = −2,966 (004, Ⅱ- 3. Revenues).
    @Test func negativesInParentheses() throws {
        let r = try Binary.run(["--parentheses", "-c", "diff(revenue) @ 1Q24"])
        #expect(r.stdout.contains("diff(revenue)  (2.966)"))
    }

    @Test func extraFactsFile() throws {
        let dir = try Binary.temporaryDirectory()
        let facts = dir.appendingPathComponent("extra.facts")
        try """
            document x file="analyst.txt" title="An analyst's own figures"
            source x "Model"
            metric model_revenue flow "Revenue in my model"
            model_revenue @ FY25 = 350.0 yen_bn "my estimate"
            """.write(to: facts, atomically: true, encoding: .utf8)
        let r = try Binary.run(["--facts", facts.path, "-c", "model_revenue @ FY25"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("350.0"))

        let bad = dir.appendingPathComponent("bad.facts")
        try "document x file=\"a.txt\"\nsource x \"S\"\nrevenue @ 5Q24 = 1 yen_mn \"x\"\n".write(to: bad, atomically: true, encoding: .utf8)
        let b = try Binary.run(["--facts", bad.path, "-c", "revenue @ 1Q24"])
        #expect(b.status == 1)
        #expect(b.stderr.contains("\(bad.path):3:11: error: 5Q24 is not a period"))
        #expect(b.stdout.contains("72.016"))
    }

    @Test func exportCSV() throws {
        let r = try Binary.run(["--export", "csv"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "metric,dimensions,period,value,high,bound,unit,basis,kind,document,slide,printed label,note")
        #expect(lines.count == embeddedFactCount + embeddedPrintedCount + 1)
        // 004, Ⅱ- 3. Revenues: NW services 1Q24 39,058 (¥ mn).
        #expect(lines.contains { $0.hasPrefix("revenue,segment=nw_services,1Q24,39058,,,¥ mn,actual,flow,") })
        // 004, Ⅱ- 7. Human Capital Disclosure: personnel-related costs FY23 +11.8%, a printed result.
        #expect(lines.contains { $0.hasPrefix("yoy(personnel_costs) @ FY23,,FY23,11.8,,,%,actual,printed,") })
        // 004, Ⅰ. 1Q24 Summary: employees to increase "by over 400", a bound on a printed change.
        #expect(lines.contains { $0.hasPrefix("\"diff(employees{basis=target}, 1y) @ FY24-end\",,FY24-end,400,,over,persons,target,printed,") })
        // 000, Ⅰ- 2: 月額ストック売上 約８割, an approximate figure: the note travels with it.
        #expect(lines.contains { $0.hasPrefix("recurring_revenue_share,,FY24,80,,,%,actual,rate,") && $0.hasSuffix(",approx. (約8割) | approx. (約8割) | approx. (約8割)") })
    }

    /// An analyst's facts file whose strings hold single quotes, exported beside the embedded facts.
    static func quotedFactsFile() throws -> URL {
        let file = try Binary.temporaryDirectory().appendingPathComponent("model.facts")
        try """
            document x file="analyst's.txt" title="An analyst's own figures"
            source x "Analyst's model"
            dimension scenario "Scenario"
            member scenario bull "Bull case"
            metric model_revenue flow "Revenue in my model" dims=scenario
            model_revenue{scenario=bull} @ FY25 = 350.0~360.5 yen_bn "the 'bull' case"
            """.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// `--export sql` is SQL for SQLite: a commented schema, then every fact (embedded and
    /// `--facts`) in one transaction, strings quoted with single quotes doubled.
    @Test func exportSQL() throws {
        let r = try Binary.run(["--facts", try Self.quotedFactsFile().path, "--export", "sql"])
        #expect(r.status == 0 && r.stderr.isEmpty)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "-- iijq fact base: \(embeddedFactCount + 1) facts, written by `iijq --export sql`.")
        #expect(lines.contains("BEGIN;") && lines.last == "COMMIT;")
        #expect(lines.contains("CREATE TABLE facts ("))
        // A column per dimension, the --facts file's too; NULL is the "all" member.
        #expect(lines.contains("  \"segment\" TEXT,") && lines.contains("  \"scenario\" TEXT,"))
        #expect(lines.contains("  \"value\" TEXT NOT NULL,") && lines.contains("  \"value_num\" REAL NOT NULL,"))
        #expect(lines.contains("CREATE INDEX facts_metric_basis_period ON facts (metric, basis, period);"))
        // 004, Ⅱ- 3. Revenues: NW services 1Q24 39,058 (¥ mn); exact text, then the number.
        let nw = lines.filter { $0.hasPrefix("('revenue', 'flow', '1Q24', 'quarter', '2024-04-01', '2024-06-30', 'actual', 'nw_services', NULL,") }
        #expect(nw.count == 1)
        #expect(nw.first?.contains(", '39058', 39058, NULL, NULL, '¥ mn', 6, '004_1a9890468724ef8c.txt") == true)
        // The analyst's range, with its quotes doubled.
        let model = try #require(lines.first { $0.hasPrefix("('model_revenue', 'flow', 'FY25', 'year', '2025-04-01', '2026-03-31', 'actual', NULL,") })
        #expect(model.hasSuffix(", 'bull', '350.0', 350.0, '360.5', 360.5, '¥ bn', 9, 'analyst''s.txt', 'Analyst''s model', 'the ''bull'' case', NULL),")
            || model.hasSuffix(", 'bull', '350.0', 350.0, '360.5', 360.5, '¥ bn', 9, 'analyst''s.txt', 'Analyst''s model', 'the ''bull'' case', NULL);"))
        #expect(lines.contains("('x', 'analyst''s.txt', 'An analyst''s own figures');"))
    }

    /// sqlite3 on PATH, if any: CI machines may lack it, and the test that needs it is then skipped.
    static let sqlite3: URL? = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent("sqlite3")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }()

    /// The export loads into SQLite and answers as iijq does.
    @Test(.enabled(if: EndToEnd.sqlite3 != nil, "sqlite3 is not on PATH"))
    func exportSQLLoadsIntoSQLite() throws {
        let sqlite3 = try #require(Self.sqlite3)
        let file = try Binary.temporaryDirectory().appendingPathComponent("facts.sql")
        let export = try Binary.run(["--facts", try Self.quotedFactsFile().path, "--export", "sql", "-o", file.path])
        #expect(export.status == 0 && export.stdout.isEmpty && export.stderr.isEmpty)
        func query(_ sql: String) throws -> String {
            let r = try Binary.run([":memory:"], stdin: ".bail on\n.read '\(file.path)'\n\(sql)\n", executable: sqlite3)
            #expect(r.status == 0 && r.stderr.isEmpty, "sqlite3: \(r.stderr)")
            return r.stdout
        }
        #expect(try query("SELECT count(*) FROM facts;") == "\(embeddedFactCount + 1)\n")
        // 004, Ⅱ- 3. Revenues: total revenues 1Q24 72,016 (¥ mn).
        let total = "SELECT value, unit FROM facts WHERE metric = 'revenue' AND basis = 'actual' AND period = '1Q24' AND segment IS NULL AND service IS NULL AND business_line IS NULL AND unit = '¥ mn';"
        #expect(try query(total) == "72016|¥ mn\n")
        // 004, Ⅱ- 3. Revenues: 1Q24 NW 39,058, SI 32,243, ATM 715, which sum to the total.
        let segments = "SELECT segment, value FROM facts WHERE metric = 'revenue' AND basis = 'actual' AND period = '1Q24' AND segment IS NOT NULL AND service IS NULL ORDER BY value_num DESC; SELECT sum(value_num) FROM facts WHERE metric = 'revenue' AND basis = 'actual' AND period = '1Q24' AND segment IS NOT NULL AND service IS NULL;"
        #expect(try query(segments) == "nw_services|39058\nsi|32243\natm|715\n72016.0\n")
        // 004, Ⅲ- 1. Revision of FY24 Financial Targets: the previous target, a range of ¥312.0–315.0 bn.
        let range = "SELECT value, high, unit, unit_scale FROM facts WHERE metric = 'revenue' AND basis = 'previous_target' AND period = 'FY24' AND segment IS NULL;"
        #expect(try query(range) == "312.0|315.0|¥ bn|9\n")
        #expect(try query("SELECT label FROM facts WHERE metric = 'model_revenue';") == "the 'bull' case\n")
        #expect(try query("SELECT kind, dimensions FROM metrics WHERE name = 'revenue'; SELECT parent FROM members WHERE dimension = 'service' AND name = 'wan';")
            == "flow|segment,service,business_line,type,cloud_type,enterprise_connectivity\nnw_services\n")
    }

    /// The fact base is compiled into the binary: a copy elsewhere still answers.
    @Test func copiedBinaryCarriesFacts() throws {
        let dir = try Binary.temporaryDirectory()
        let copy = dir.appendingPathComponent("iijq")
        try FileManager.default.copyItem(at: Binary.url, to: copy)
        // A process forked by a parallel test may briefly hold the copy open for writing
        // (Linux then refuses to run it: ETXTBSY); wait for that child to exec.
        var r = try? Binary.run(["-c", "revenue @ 1Q24"], executable: copy, cwd: dir)
        for _ in 0..<50 where r == nil {
            usleep(20_000)
            r = try? Binary.run(["-c", "revenue @ 1Q24"], executable: copy, cwd: dir)
        }
        let result = try #require(r)
        #expect(result.status == 0)
        #expect(result.stdout.contains("72.016"))
    }
}
