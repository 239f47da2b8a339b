import IIJQ

/// A loader that has read the embedded files: `FactBase.load(extra:)` without reading them again
/// for every input (that took most of the time, ~100 ms an input under ASan).
nonisolated(unsafe) let embedded = FactBase.embeddedLoader()  // libFuzzer calls in one thread

/// The metrics of the embedded fact base, to tell the ones the input declares.
let embeddedMetrics: Set<String> = Set(FactBase.load(extra: []).0.metrics.keys)

/// Keeps the rendering from being optimised away.
nonisolated(unsafe) var sink = 0

/// libFuzzer entry point: the input, decoded as UTF-8, is one extra fact file loaded beside the
/// embedded ones, as `iijq --facts fuzz.facts` loads it (`FactBase.load(extra:)`, step by step);
/// every problem is rendered. The base that results (which the CLI uses at start-up even when
/// the file has problems) then answers the listings, and each metric the input declares is
/// described and queried.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var loader = embedded
    loader.read(name: "fuzz.facts", text: text)
    let base = loader.finish()
    let problems = loader.problems
    var total = base.facts.count &+ (loader.unreported?.utf8.count ?? 0)
    for p in problems {
        total &+= p.render().utf8.count
        total &+= p.render(color: true).utf8.count
    }
    var statements = ["metrics", "dimensions", "periods"]
    for name in base.metricOrder.filter({ !embeddedMetrics.contains($0) }).prefix(3) {
        let dims = base.metrics[name]?.dimensions ?? []
        statements += ["describe \(name)", "\(name)", "\(name) | chart"]
        if !dims.isEmpty { statements.append("\(name) by \(dims.joined(separator: ", ")) | cite") }
    }
    var session = Session(base: base)
    let source = Source(name: "", text: statements.joined(separator: "\n"))
    for outcome in session.run(source) {
        switch outcome {
        case .output(let out, _): total &+= out.utf8.count
        case .defined: break
        case .failure(let d): total &+= d.render(in: source).utf8.count
        }
    }
    sink = total
    return 0
}
