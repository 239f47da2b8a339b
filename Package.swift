// swift-tools-version: 6.3;(experimentalCGen)
// experimentalCGen: the CompileFacts plugin generates a C source (the fact image as a C string).
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

        // The embedded fact base compiled into an image when iijq is built: the CompileFacts plugin
        // runs FactCompiler (the real loader, over the FactBase texts) and writes a C source with
        // the image's bytes, so a start reads them in place instead of parsing the fact files.
        .target(name: "FactImage", plugins: ["CompileFacts"]),
        .plugin(name: "CompileFacts", capability: .buildTool(), dependencies: ["FactCompiler"]),
        // FactCompiler is IIJQ's and FactBase's sources compiled again, through symbolic links (a tool
        // cannot depend on a target a plugin generates sources for), unoptimised: it loads a few
        // thousand facts once a build, and an optimised copy would double a release build's time.
        .executableTarget(
            name: "FactCompiler",
            dependencies: ["DisplayWidth"],
            exclude: ["IIJQ/Help/topics", "IIJQ/Tour/lessons.tour"],
            swiftSettings: [.define("FACT_COMPILER"), .unsafeFlags(["-Onone"])]
        ),

        // libedit, through pkg-config, and non-variadic wrappers Swift can call.
        .systemLibrary(name: "CLibedit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(name: "LibeditShim", dependencies: ["CLibedit"]),

        // A line editor over libedit: prompt, history file, completion hook. No query-language code.
        .target(name: "LineEditor", dependencies: ["LibeditShim", "DisplayWidth"]),

        // Running statements from the command line, scripts and the interactive shell (dot-commands,
        // completion, `.output` files).
        .target(name: "Shell", dependencies: ["IIJQ", "FactImage", "LineEditor", "DisplayWidth"]),

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
        .testTarget(name: "IIJQTests", dependencies: ["IIJQ", "Shell", "LineEditor", "FactImage"], exclude: ["Cases", "Hostile"]),

        // The built `iijq` binary, run as a user runs it: options, scripts, standard input, the
        // generated completions and man page, and the shell on a pseudo-terminal.
        .testTarget(name: "IIJQEndToEndTests", dependencies: ["IIJQ", "PseudoTerminal", "iijq"]),
    ],
    swiftLanguageModes: [.v6]
)
