/// The help texts behind `.help [topic]`: what the language, the calendar and the shell accept.
public enum Help {
    /// A topic: its name, a one-line summary and its text.
    public struct Topic: Sendable {
        public var name: String
        public var summary: String
        public var text: String
    }

    /// The topic named `name`, or nil.
    public static func topic(_ name: String) -> Topic? { topics.first { $0.name == name } }

    /// The overview `.help` prints with no topic.
    public static var index: String {
        var out = """
            iijq answers questions about IIJ's published results. A query names a metric, picks
            members of its dimensions, periods and a breakdown:

              revenue @ 1Q24
              revenue{segment=si} @ 1Q23..1Q24
              operating_profit / revenue @ FY24
              yoy(revenue) @ 1Q24 by segment

            `metrics` lists what the fact base holds; `describe revenue` shows one metric.
            Topics (.help TOPIC):

            """
        let width = topics.map(\.name.count).max() ?? 0
        for t in topics { out += "  " + t.name + String(repeating: " ", count: width - t.name.count + 2) + t.summary + "\n" }
        return out
    }

    public static let topics: [Topic] = [
        Topic(name: "syntax", summary: "the shape of a query, definitions, comments", text: """
            A statement is a query, a definition, `describe NAME` or `metrics`. Statements end at a
            newline or `;`; a line continues while a bracket is open or after a trailing `|`.

              query  = expression [@ periods] [vs basis] [by dimension, ...] [in unit] { | stage }

              revenue                              a metric (its "all" member of every dimension)
              revenue{segment=si}                  one member of a dimension
              revenue{segment in [si, atm]}        several members
              revenue{basis=target}                targets instead of actuals
              gross_profit / revenue               arithmetic: + - * / with units checked
              let margin = operating_profit / revenue    a definition, used like a metric
              revenue @ FY24 vs target             actual, target, difference and attainment
              revenue @ FY24 in bn                 shown in another scale: yen, mn, 億円, bn, %
              explain revenue @ 1Q24               how a query is evaluated; explain FY24: its dates
              -- a comment runs to the end of the line

            Stages after `|`: sort [asc|desc], top N, where value > 10 bn (or yoy, qoq, diff,
            share; literals carry units: 5%, 1,000 persons), chart, spark, cite.
            """),
        Topic(name: "units", summary: "scales, ratios, percentage points, stocks and flows", text: """
            Money keeps the scale it was printed in (¥ mn, 億円, ¥ bn) and converts exactly when
            mixed; `in bn`, `in mn`, `in 億円` show a result in another scale. Money ÷ money is a %;
            a % minus a % is in percentage points (pp). Counts keep their kind (persons, thousand
            subscriptions, racks); adding unlike units is an error naming both.

            A stock (subscriptions, employees, balances) is counted at instants: asked for over a
            quarter it is read at the quarter's end, and summing it over time is an error (use
            last, first or avg). A flow (revenue, profit) is measured over periods: asked for at
            a quarter's end it is read over the quarter ending then.
            """),
        Topic(name: "periods", summary: "fiscal years, halves, quarters, instants, ranges", text: """
            IIJ's fiscal year starts on 1 April: FY24 is 2024-04-01 .. 2025-03-31.

              FY24        the fiscal year                1H24, 2H24   its halves
              1Q24..4Q24  its quarters (1Q24 is Apr–Jun 2024)
              1Q24-end    an instant: 2024-06-30       FY23-end     2024-03-31
              2024-06-30  a date, also an instant

            After `@`, give one period, a range (1Q23..1Q24) or a list (FY22, FY24).
            A stock (subscriptions, employees, balance-sheet items) asked for over a quarter is
            read at the quarter's end; halves and years not published are rolled up from quarters.
            """),
        Topic(name: "functions", summary: "growth, shares and aggregates", text: functionsText),
        Topic(name: "output", summary: "formats, row limits, wide tables", text: """
            Results print as a table: one row per dimension combination, one column per period.
            `--format csv|tsv|json|markdown` (or `.mode` in the shell) prints them for other tools;
            notes then go to standard error. `--max-rows N` (`.maxrows N`) shows the first N rows
            and says how many were left out; `--parentheses` shows negatives as (1,234). Columns
            run in calendar order. In the shell a table wider than the terminal is shown one record
            per row.
            """),
        Topic(name: "commands", summary: "the shell's dot-commands", text: """
              .help [TOPIC]       this help, or one topic
              .mode [FORMAT]      table, csv, tsv, json or markdown (no argument: show it)
              .maxrows [N]        show at most N rows of a table; 0 shows all
              .timer on|off       print how long each statement took
              .read FILE          run a script inside the shell
              .output [FILE]      send results to FILE (written when closed); no FILE: back to the terminal
              .history [N]        list the history (the last N entries)
              .facts FILE         load more facts beside the embedded ones
              .clear              clear the screen
              .quit, .exit        leave the shell (Ctrl-D on an empty line too)
            """),
        Topic(name: "keys", summary: "editing keys, history and completion", text: """
              Tab            complete metric, dimension, member, period, stage, command or file names
              Up, Down       recall earlier statements (a multi-line statement comes back whole)
              Ctrl-R         search the history backwards as you type
              Ctrl-A, Ctrl-E start, end of the line       Alt-B, Alt-F   a word back, forward
              Ctrl-K, Ctrl-U delete to the end, to the start of the line
              Ctrl-C         discard the line, or cancel the running statement
              Ctrl-D         leave (on an empty line)      Ctrl-L  clear the screen

            Keys are emacs-style; `bind -v` in ~/.editrc switches to vi. History is kept in
            $IIJQ_HISTORY, or $XDG_STATE_HOME/iijq/history (~/.local/state/iijq/history), and
            ~/.config/iijq/init.iq (or --init FILE) runs at start, for example for `let` definitions.
            """),
    ]

    static var functionsText: String { Catalog.functions() }
}
