import PackagePlugin

/// Compiles the embedded fact files into an image of the fact base (`FactImage`) when iijq is
/// built: `FactCompiler` runs the real loader over them, so a fact-file problem fails the build
/// with its `FILE:LINE:COL`, and writes the image's bytes as a C string into the target.
@main
struct CompileFacts: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let facts = try context.package.targets(named: ["FactBase"]).first as? SourceModuleTarget else { return [] }
        let inputs = facts.sourceFiles.map(\.url).filter { $0.pathExtension == "facts" }
        let output = context.pluginWorkDirectoryURL.appending(path: "FactImage.c")
        return [
            .buildCommand(
                displayName: "Compiling \(inputs.count) fact files into the fact image",
                executable: try context.tool(named: "FactCompiler").url,
                arguments: [output.path(), facts.directoryURL.path()],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
