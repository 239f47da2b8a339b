import PackagePlugin

/// Compiles a target's text files (`.facts` fact files, `.help` topics, `.tour` lessons) into one
/// Swift source file holding them as raw strings, so they travel inside the binary (SwiftPM
/// resources do not survive copying it).
@main
struct EmbedTexts: BuildToolPlugin {
    static let extensions: Set<String> = ["facts", "help", "tour"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let inputs = target.sourceFiles
            .map(\.url)
            .filter { Self.extensions.contains($0.pathExtension) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedTexts.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) text files in \(target.name)",
                executable: try context.tool(named: "EmbedTextsTool").url,
                arguments: [output.path()] + inputs.map { $0.path() },
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
