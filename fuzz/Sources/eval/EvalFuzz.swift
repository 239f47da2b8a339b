import IIJQ

/// The embedded fact base, loaded once for the whole run.
let base: FactBase = FactBase.load(extra: []).0

/// Keeps the rendering from being optimised away.
nonisolated(unsafe) var sink = 0

/// libFuzzer entry point: the input, decoded as UTF-8, runs as a program in a fresh session
/// (no definitions carried over from earlier inputs). Every outcome is rendered; each query is
/// evaluated again and its frame rendered in every output format.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let source = Source(name: "", text: text)
    var session = Session(base: base)
    session.layout = Layout(maxRows: 20, width: 60)
    var total = 0
    for outcome in session.run(source) {
        switch outcome {
        case .output(let out, let notes):
            total &+= out.utf8.count
            for n in notes { total &+= n.utf8.count }
        case .defined(let name):
            total &+= name.utf8.count
        case .failure(let d):
            total &+= d.render(in: source).utf8.count
        }
    }
    // The other formats, for the queries that parse: the session keeps the definitions it ended with.
    for case .success(let statement) in Parser.parse(source) {
        guard case .query(let query) = statement.kind else { continue }
        guard let frame = try? session.evaluate(query) else { continue }
        for format in OutputFormat.allCases {
            total &+= Session.render(frame, as: format, color: true, layout: Layout(maxRows: 5, width: 40, parentheses: true)).utf8.count
        }
    }
    sink = total
    return 0
}
