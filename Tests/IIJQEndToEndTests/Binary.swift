import Foundation
import IIJQ
import Testing

/// The repository's root folder (this file is Tests/IIJQEndToEndTests/Binary.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The embedded fact base, as the binary loads it.
let embeddedBase = FactBase.load().0
/// How many facts the embedded fact base holds.
let embeddedFactCount = embeddedBase.facts.count
/// The printed results of the embedded fact base, which `--export csv` writes after the facts.
let embeddedPrintedCount = embeddedBase.printed.count

/// Where the binary keeps compiled `--facts` images during the tests (shared by them: an image is
/// named for its files' contents, and written whole or not at all).
let testCache = FileManager.default.temporaryDirectory.appendingPathComponent("iijq-test-cache-\(ProcessInfo.processInfo.processIdentifier)")

/// Runs the built `iijq` binary as a user would.
struct Binary {
    /// The `iijq` executable built beside the test bundle.
    static var url: URL {
        let bundleDir = Bundle.main.bundleURL.deletingLastPathComponent()
        for dir in [bundleDir, Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("iijq")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return repositoryRoot
            .appendingPathComponent(".build/debug/iijq")
    }

    /// How a run ended and what it printed.
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], stdin: String? = nil, executable: URL = url, cwd: URL? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let cwd { process.currentDirectoryURL = cwd }
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C.UTF-8"
        // Compiled `--facts` images go to a folder of the tests', not the user's cache.
        env["XDG_CACHE_HOME"] = testCache.path
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iijq-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

extension Trait where Self == ConditionTrait {
    /// Enables a `record` test, which rewrites generated files, only under `IIJQ_RECORD=1`.
    static var recording: Self { .enabled(if: ProcessInfo.processInfo.environment["IIJQ_RECORD"] == "1") }
}
