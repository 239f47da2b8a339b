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
        // The query language: lexer, parser, calendar, units, facts, evaluator, output.
        // No terminal code lives here.
        .target(name: "IIJQ", dependencies: ["FactBase"]),

        // The embedded fact base: the `.facts` files, compiled into a Swift string by a plugin.
        .target(name: "FactBase", plugins: ["EmbedFacts"]),
        .plugin(name: "EmbedFacts", capability: .buildTool(), dependencies: ["EmbedFactsTool"]),
        .executableTarget(name: "EmbedFactsTool"),

        // libedit, through pkg-config, and non-variadic wrappers Swift can call.
        .systemLibrary(name: "CLibedit", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .target(name: "LibeditShim", dependencies: ["CLibedit"]),

        // The thin command-line entry point.
        .executableTarget(
            name: "iijq",
            dependencies: [
                "IIJQ", "LibeditShim",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "IIJQTests", dependencies: ["IIJQ", "iijq"], exclude: ["Cases"]),
    ],
    swiftLanguageModes: [.v6]
)
