// swift-tools-version: 6.1
// libFuzzer targets for iijq, kept out of the root package so that its `swift build` and
// `swift test` never build them. Build and run them with `fuzz/run.sh TARGET SECONDS`.
import PackageDescription

let package = Package(
    name: "iijq-fuzz",
    dependencies: [
        .package(name: "iijq", path: ".."),
    ],
    targets: [
        // Bytes → the lexer, the parser, the statement reader and diagnostic rendering.
        .executableTarget(name: "parser", dependencies: [.product(name: "IIJQ", package: "iijq")]),
        // Bytes → statements run in a fresh session over the embedded fact base, every outcome rendered.
        .executableTarget(name: "eval", dependencies: [.product(name: "IIJQ", package: "iijq")]),
        // Bytes → one extra `.facts` file loaded beside the embedded ones, every problem rendered.
        .executableTarget(name: "loader", dependencies: [.product(name: "IIJQ", package: "iijq")]),
    ],
    swiftLanguageModes: [.v6]
)
