import IIJQ

/// libFuzzer entry point: the input, decoded as UTF-8 (invalid bytes become U+FFFD), is parsed
/// as a whole program and, line by line, through the statement reader the way standard input is;
/// every diagnostic is rendered against the source it came from.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var rendered = 0

    // The whole input as one program, as `iijq -c` and scripts read it.
    rendered &+= parseAndRender(Source(name: "", text: text))
    rendered &+= parseAndRender(Source(name: "fuzz.iq", text: text, firstLine: 7))

    // Line by line, as standard input and the shell read it.
    var reader = StatementReader()
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        _ = reader.isContinuing
        _ = reader.pendingText
        if let (statement, first) = reader.add(String(line)) {
            rendered &+= parseAndRender(Source(name: "<stdin>", text: statement, firstLine: first))
        }
    }
    if let (statement, first) = reader.flush() {
        rendered &+= parseAndRender(Source(name: "<stdin>", text: statement, firstLine: first))
    }
    sink = rendered
    return 0
}

/// Keeps the rendering from being optimised away.
nonisolated(unsafe) var sink = 0

func parseAndRender(_ source: Source) -> Int {
    var total = 0
    for result in Parser.parse(source) {
        if case .failure(let d) = result {
            total &+= d.render(in: source).utf8.count
            total &+= d.render(in: source, color: true).utf8.count
        }
    }
    return total
}
