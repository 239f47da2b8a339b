import DisplayWidth

/// Terminal display width, by the table the line editor uses too (`TextWidth`): East Asian wide
/// and fullwidth characters take two columns.
func displayWidth(_ text: String) -> Int { TextWidth.of(text) }

/// Pads `text` with spaces to `width` display columns, on the left when `right` is true.
func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - displayWidth(text)))
    return right ? fill + text : text + fill
}
