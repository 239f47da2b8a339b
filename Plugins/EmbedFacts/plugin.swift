import PackagePlugin

/// Compiles a target's `.facts` files into one Swift source file holding them as raw strings,
/// so the fact base travels inside the binary (SwiftPM resources do not survive copying it).
@main
struct EmbedFacts: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let inputs = target.sourceFiles
            .map(\.url)
            .filter { $0.pathExtension == "facts" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFactFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) fact files",
                executable: try context.tool(named: "EmbedFactsTool").url,
                arguments: [output.path()] + inputs.map { $0.path() },
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
