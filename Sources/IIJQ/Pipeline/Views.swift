/// The result as a table in the session's format (table, csv, tsv, json or markdown): the view
/// when no other is asked for.
struct TableView: ResultView {
    var name: String { "table" }

    func render(_ frame: Frame, in session: Session) -> String {
        Session.render(frame, as: session.format, color: session.color, layout: session.layout)
    }
}

/// `| chart`: horizontal bars, as wide as the terminal.
struct ChartView: ResultView {
    var name: String { "chart" }

    func render(_ frame: Frame, in session: Session) -> String {
        // For other programs a chart is its data, as the table view gives it.
        if session.format.isMachine { return TableView().render(frame, in: session) }
        let chart = ChartRenderer.text(frame, width: session.layout.width ?? 80, color: session.color)
        // In a Markdown document the bars are preformatted text: fenced.
        return session.format == .markdown ? TranscriptWriter.fenced(chart) : chart
    }
}

/// `| spark`: one sparkline per row.
struct SparkView: ResultView {
    var name: String { "spark" }

    func render(_ frame: Frame, in session: Session) -> String {
        if session.format.isMachine { return TableView().render(frame, in: session) }
        let lines = ChartRenderer.sparklines(frame, width: session.format == .markdown ? nil : session.layout.width)
        return session.format == .markdown ? TranscriptWriter.fenced(lines) : lines
    }
}

/// `| cite`: every fact behind each cell, with the slide it was printed on.
struct CiteView: ResultView {
    var name: String { "cite" }

    func render(_ frame: Frame, in session: Session) -> String { CiteRenderer.render(frame, as: session.format, width: session.layout.width) }
}
