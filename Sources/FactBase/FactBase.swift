/// The fact files compiled into the binary, in file-name order.
///
/// Each `.facts` file beside this one is embedded as a string by the `EmbedTexts` plugin.
public enum EmbeddedFacts {
    /// The embedded files as (file name, text) pairs.
    public static var files: [(name: String, text: String)] { embeddedTexts }
}
