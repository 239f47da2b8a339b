import FactImage
import IIJQ

/// The embedded fact base as the build compiled it (FactImage.h): read in place at start, with no
/// fact file parsed.
enum EmbeddedImage {
    /// The image's bytes, which live as long as the process.
    static var bytes: UnsafeRawBufferPointer {
        var size = 0
        let start = iijq_fact_image(&size)
        return UnsafeRawBufferPointer(start: start, count: size)
    }

    /// The embedded fact base, or nil if the image cannot be read (the fact files are then loaded
    /// from their text, as the image was built from them).
    static func base() -> FactBase? { try? FactImage.base(from: bytes, producer: FactImage.embeddedProducer, owner: Forever.owner) }

    /// The owner of bytes that live as long as the process: the base reads its columns in place.
    final class Forever: ImageOwner {
        static let owner = Forever()
        func release(_ range: Range<Int>) {}
    }
}
