/// The bounds that keep hostile or mistaken input from exhausting time, memory or the stack.
/// Each one ends in an error (or a note) that names it; none is a crash.
public enum Limits {
    /// Bytes in one statement (its lines joined). A bracket left open joins the lines after it,
    /// so this also ends a runaway statement read from a script or standard input.
    public static let statementBytes = 1_000_000
    /// Levels of nested brackets, calls and unary minus in an expression.
    public static let nesting = 200
    /// Operands (metrics, numbers, calls) in one statement.
    public static let operands = 1_000
    /// Periods a range such as `1Q20..4Q24` may span.
    public static let rangePeriods = 400
    /// Steps of a shift such as `4q` in `lag`.
    public static let shiftSteps = 1_000
    /// Definitions inside definitions.
    public static let definitionDepth = 100
    /// Seconds one statement may evaluate in any mode (the shell's Ctrl-C stops it sooner).
    public static let evaluationSeconds: Int64 = 10
    /// Cells in one result.
    public static let resultCells = 1_000_000
    /// Bytes of one facts file (`--facts`, `.facts`): a larger file, or a device that never
    /// ends, is refused once this much has been read.
    public static let factFileBytes = 256 << 20
    /// Bytes of one line of a facts file: a longer line is an error, and only its start is kept.
    public static let factLineBytes = 100_000
    /// Problems a fact file reports before the rest are only counted.
    public static let factProblems = 50
    /// Characters of a source line shown around the caret in an error.
    public static let shownLineWidth = 100
}
