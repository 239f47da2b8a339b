import LibeditShim

#if canImport(Glibc)
import Glibc
#endif

/// Undo for the line being typed (C-_), which libedit's emacs mode lacks: its `vi-undo` only
/// restores what vi commands saved.
///
/// Before libedit reads each key, the line is compared with what it was before the previous key;
/// when an editing command changed it, the earlier line is kept. A run of characters typed one
/// after another is one step, as in readline. C-_ puts back the line before the last step.
struct UndoHistory {
    /// The line (libedit's wide characters, one a Unicode scalar) and the cursor at one moment.
    struct State: Equatable {
        var text: [wchar_t]
        var cursor: Int
    }

    /// Lines before each step, the newest last; at most `capacity`.
    private(set) var steps: [State] = []
    /// The line as last observed.
    private(set) var current = State(text: [], cursor: 0)
    /// Whether the last step was one typed character, so the next one joins it.
    private var typing = false
    static let capacity = 200

    /// Forgets everything: a new line is being read.
    mutating func reset() {
        self = UndoHistory()
    }

    /// Records the line (`line`, with the cursor after `cursor` characters) as it is before the
    /// next key is read. This runs for every key, and a pasted line of thousands of characters
    /// must stay quick: libedit's own buffer is compared in place, and copied only when it changed.
    mutating func observe(_ line: UnsafeBufferPointer<wchar_t>, cursor: Int) {
        let old = current.cursor
        let same = line.count == current.text.count && UndoHistory.equal(line, 0, current.text, 0, line.count)
        if same, cursor == old { return }
        let typed = line.count == current.text.count + 1 && cursor == old + 1 && UndoHistory.equal(line, 0, current.text, 0, old)
            && UndoHistory.equal(line, cursor, current.text, old, current.text.count - old)
        if !same, !(typed && typing) {
            steps.append(current)
            if steps.count > UndoHistory.capacity { steps.removeFirst() }
        }
        typing = typed
        current = State(text: UndoHistory.copy(line), cursor: cursor)
    }

    /// The line before the last step, now the current one; nil when there is nothing to undo.
    mutating func undo() -> State? {
        guard let previous = steps.popLast() else { return nil }
        current = previous
        typing = false
        return previous
    }

    /// The characters of `line`, copied with one `memcpy` (`Array(line)` goes one by one in a
    /// debug build).
    static func copy(_ line: UnsafeBufferPointer<wchar_t>) -> [wchar_t] {
        [wchar_t](unsafeUninitializedCapacity: line.count) { buffer, count in
            if let base = line.baseAddress, line.count > 0 { memcpy(buffer.baseAddress!, base, line.count * MemoryLayout<wchar_t>.stride) }
            count = line.count
        }
    }

    /// Whether `count` characters of `a` from `i` equal those of `b` from `j`.
    static func equal(_ a: UnsafeBufferPointer<wchar_t>, _ i: Int, _ b: [wchar_t], _ j: Int, _ count: Int) -> Bool {
        guard count > 0 else { return true }
        return b.withUnsafeBufferPointer { memcmp(a.baseAddress! + i, $0.baseAddress! + j, count * MemoryLayout<wchar_t>.stride) == 0 }
    }
}

extension LineEditor {
    /// The name C-_ is bound to.
    static let undoFunction = "iijq-undo"

    /// Registers the undo function and the hook that observes the line before each key.
    func installUndo() {
        iijq_el_add_function(editor, LineEditor.undoFunction, "Undo the last change to the line") { el, _ in
            guard let el, let data = iijq_el_get_clientdata(el) else { return UInt8(CC_ERROR) }
            return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().undo()
        }
        iijq_el_set_read_hook(editor) { el in
            guard let el, let data = iijq_el_get_clientdata(el) else { return }
            let editor = Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
            let (line, cursor) = editor.wideLine
            editor.undoHistory.observe(line, cursor: cursor)
        }
    }

    /// libedit's line buffer in place (`el_line` would convert it to UTF-8 at every key) and the
    /// cursor's offset in it.
    var wideLine: (UnsafeBufferPointer<wchar_t>, Int) {
        guard let info = el_wline(editor) else { return (UnsafeBufferPointer(start: nil, count: 0), 0) }
        let start = info.pointee.buffer!
        return (UnsafeBufferPointer(start: start, count: info.pointee.lastchar - start), info.pointee.cursor - start)
    }

    /// C-_: replaces the line with the one before the last change.
    func undo() -> UInt8 {
        guard let state = undoHistory.undo() else { return UInt8(CC_ERROR) }
        let (line, cursor) = wideLine
        el_cursor(editor, Int32(clamping: line.count - cursor))
        el_deletestr(editor, Int32(clamping: line.count))
        if !state.text.isEmpty { (state.text + [0]).withUnsafeBufferPointer { _ = el_winsertstr(editor, $0.baseAddress) } }
        el_cursor(editor, -Int32(clamping: state.text.count - state.cursor))
        return UInt8(CC_REFRESH)
    }
}
