/// The texts the EmbedTexts plugin gives the IIJQ and FactBase targets, whose sources this tool
/// compiles again (through symbolic links: SwiftPM's tools cannot use a target a plugin generates
/// sources for). The tool reads the fact files it is given instead; help and the tour are unused.
let embeddedTexts: [(name: String, text: String)] = []
