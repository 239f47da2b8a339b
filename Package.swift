// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "iijq",
    products: [
        .executable(name: "iijq", targets: ["iijq"]),
        .library(name: "IIJQ", targets: ["IIJQ"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The query language: lexer, parser, calendar, units, facts, evaluator, output, help and
        // the tour (their `.help` and `.tour` texts are embedded by a plugin). No terminal code lives here.
        .target(name: "IIJQ", dependencies: ["FactBase", "DisplayWidth"], plugins: ["EmbedTexts"]),

        // Terminal columns text takes: one table for the output's tables and the line editor's lists.
        .target(name: "DisplayWidth"),

        // The embedded fact base: the `.facts` files, compiled into Swift strings by a plugin.
        .target(name: "FactBase", plugins: ["EmbedTexts"]),
        .plugin(name: "EmbedTexts", capability: .buildTool(), dependencies: ["EmbedTextsTool"]),
        .executableTarget(name: "EmbedTextsTool"),

        // libedit, through pkg-config, and non-variadic wrappers Swift can call.
        .systemLibrary(name: "CLibedit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(name: "LibeditShim", dependencies: ["CLibedit"]),

        // A line editor over libedit: prompt, history file, completion hook. No query-language code.
        .target(name: "LineEditor", dependencies: ["LibeditShim", "DisplayWidth"]),

        // Running statements from the command line, scripts and the interactive shell (dot-commands,
        // completion, `.output` files).
        .target(name: "Shell", dependencies: ["IIJQ", "LineEditor", "DisplayWidth"]),

        // The thin command-line entry point.
        .executableTarget(
            name: "iijq",
            dependencies: [
                "Shell", "IIJQ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Opens a pseudo-terminal and spawns a process on it, for the shell's end-to-end tests.
        .target(name: "PseudoTerminal", path: "Tests/PseudoTerminal", cSettings: [.define("_GNU_SOURCE")]),

        // The language, the runner and the line editor's parts, in process: golden files (Cases/,
        // Hostile/), help, README and example transcripts, the fact base.
        .testTarget(name: "IIJQTests", dependencies: ["IIJQ", "Shell", "LineEditor"], exclude: ["Cases", "Hostile"]),

        // The built `iijq` binary, run as a user runs it: options, scripts, standard input, the
        // generated completions and man page, and the shell on a pseudo-terminal.
        .testTarget(name: "IIJQEndToEndTests", dependencies: ["IIJQ", "PseudoTerminal", "iijq"]),
    ],
    swiftLanguageModes: [.v6]
)
