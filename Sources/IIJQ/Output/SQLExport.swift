/// `iijq --export sql`: the whole fact base as SQL that creates and fills SQLite tables, so the
/// facts can be taken into another engine (`sqlite3 facts.db < facts.sql`).
///
/// One row per fact in `facts`, with one column per declared dimension (NULL is the dimension's
/// "all" member, as a dimension left out of a query is in iijq), the period both as iijq writes
/// it and as ISO dates, and the value both exact (text) and as a number for arithmetic. Small
/// `documents`, `metrics`, `dimensions` and `members` tables describe the schema. Everything is
/// written in one transaction, so a failed load leaves the database as it was.
enum SQLExport {
    /// The columns of `facts` other than the dimensions, in order, with their types.
    static let leadingColumns: [(name: String, type: String)] = [
        ("metric", "TEXT NOT NULL"), ("kind", "TEXT"), ("period", "TEXT NOT NULL"), ("grain", "TEXT NOT NULL"),
        ("period_start", "TEXT NOT NULL"), ("period_end", "TEXT NOT NULL"), ("basis", "TEXT NOT NULL"),
    ]
    static let trailingColumns: [(name: String, type: String)] = [
        ("value", "TEXT NOT NULL"), ("value_num", "REAL NOT NULL"), ("high", "TEXT"), ("high_num", "REAL"),
        ("unit", "TEXT NOT NULL"), ("unit_scale", "INTEGER"), ("document", "TEXT"), ("slide", "TEXT"), ("label", "TEXT"),
        ("note", "TEXT"),
    ]

    /// Rows per INSERT statement.
    static let batch = 200

    static func sql(_ base: FactBase) -> String {
        let dimensionColumns = columns(for: base.dimensionOrder)
        var out = header(base, dimensionColumns)
        out += "BEGIN;\n"
        out += schemaTables(base)
        out += "\nDROP TABLE IF EXISTS facts;\n"
        out += "CREATE TABLE facts (\n"
        let definitions = leadingColumns.map { "  \(identifier($0.name)) \($0.type)" }
            + base.dimensionOrder.map { "  \(identifier(dimensionColumns[$0]!)) TEXT" }
            + trailingColumns.map { "  \(identifier($0.name)) \($0.type)" }
        out += definitions.joined(separator: ",\n") + "\n);\n"

        let columnList = (leadingColumns.map(\.name) + base.dimensionOrder.map { dimensionColumns[$0]! } + trailingColumns.map(\.name))
            .map(identifier).joined(separator: ", ")
        var inBatch = 0
        for f in base.facts {
            out += inBatch == 0 ? "INSERT INTO facts (\(columnList)) VALUES\n" : ",\n"
            out += row(f, base)
            inBatch += 1
            if inBatch == batch {
                out += ";\n"
                inBatch = 0
            }
        }
        if inBatch > 0 { out += ";\n" }

        out += """

            -- The natural indexes: one metric at some periods (all bases, then one basis), and one
            -- metric over a range of dates. A breakdown (metric, basis and period fixed, a dimension's
            -- members as rows) is served by facts_metric_basis_period; one member of a dimension
            -- (segment = 'si' AND metric = … AND basis = … AND period = …) by that dimension's index.
            CREATE INDEX facts_metric_period ON facts (metric, period);
            CREATE INDEX facts_metric_basis_period ON facts (metric, basis, period);
            CREATE INDEX facts_metric_basis_end ON facts (metric, basis, period_end);

            """
        for name in base.dimensionOrder {
            let column = identifier(dimensionColumns[name]!)
            let index = identifier("facts_by_" + dimensionColumns[name]!)
            out += "CREATE INDEX \(index) ON facts (\(column), metric, basis, period) WHERE \(column) IS NOT NULL;\n"
        }
        out += "COMMIT;\n"
        return out
    }

    /// A comment that says what every column of `facts` holds.
    static func header(_ base: FactBase, _ dimensionColumns: [String: String]) -> String {
        let renamed = base.dimensionOrder.filter { dimensionColumns[$0] != $0 }
            .map { "--   dimension \($0) is the column \(dimensionColumns[$0]!) (its name is taken by another column)\n" }.joined()
        return """
            -- iijq fact base: \(base.facts.count) facts, written by `iijq --export sql`.
            -- Load it with:  sqlite3 facts.db < facts.sql   (any earlier tables of these names are replaced)
            --
            -- facts: one row per published figure.
            --   metric        the metric's name (revenue); kind: flow, stock or rate
            --   period        as iijq writes it: FY23, 1H24, 1Q24, 1Q24-end, 2024-08-07
            --   grain         year, half, quarter or instant
            --   period_start, period_end
            --                 ISO dates (the first and last day; an instant has both equal),
            --                 so SQL can range over time: WHERE period_end BETWEEN '2023-04-01' AND '2024-03-31'
            --   basis         actual, target, previous_target, plan, forecast or vision
            --   one column per dimension (segment, service, …): its member, or NULL for the
            --                 dimension's "all" member, the published total; so revenue by segment
            --                 is segment IS NOT NULL AND service IS NULL
            --   value         TEXT: the exact decimal as printed ('72016', '312.0'); use it to read or
            --                 compare figures exactly
            --   value_num     REAL: the same number as a binary float, for arithmetic (SUM, ratios)
            --   high, high_num  the upper end of a published range (value is then its lower end);
            --                 NULL otherwise
            --   unit          as iijq shows it: ¥ mn, 億円, ¥ bn, %, thousand subscriptions …; money
            --                 keeps the scale it was printed in, so compare like units
            --   unit_scale    the unit's power of ten for money and counts (¥ mn is 6, 億円 8), else NULL:
            --                 value_num * pow(10, unit_scale) is in yen (or in single units)
            --   document, slide, label
            --                 where it was published: document file, slide heading, printed label;
            --                 a figure published in several places lists each, joined with ' | '
            --   note          how the slide qualifies the figure (approx., US-GAAP, IIJ non-consolidated),
            --                 one per place as the labels are; NULL when it is printed plainly
            \(renamed)-- documents, metrics, dimensions, members: the schema the facts use.

            """
    }

    /// The small tables that describe the schema.
    static func schemaTables(_ base: FactBase) -> String {
        var out = """
            DROP TABLE IF EXISTS documents;
            CREATE TABLE documents (id TEXT PRIMARY KEY, file TEXT NOT NULL, title TEXT);
            DROP TABLE IF EXISTS metrics;
            CREATE TABLE metrics (name TEXT PRIMARY KEY, kind TEXT NOT NULL, description TEXT, topic TEXT, dimensions TEXT, aliases TEXT);
            DROP TABLE IF EXISTS dimensions;
            CREATE TABLE dimensions (name TEXT PRIMARY KEY, description TEXT, japanese TEXT, parent TEXT, additive INTEGER NOT NULL);
            DROP TABLE IF EXISTS members;
            CREATE TABLE members (dimension TEXT NOT NULL, name TEXT NOT NULL, description TEXT, japanese TEXT, parent TEXT, PRIMARY KEY (dimension, name));
            DROP TABLE IF EXISTS printed_results;
            CREATE TABLE printed_results (query TEXT NOT NULL, value NUMERIC, high NUMERIC, unit TEXT, document TEXT, slide TEXT, label TEXT, note TEXT);

            """
        func insert(_ table: String, _ rows: [[String]]) {
            guard !rows.isEmpty else { return }
            out += "INSERT INTO \(table) VALUES\n"
            out += rows.map { "(" + $0.joined(separator: ", ") + ")" }.joined(separator: ",\n") + ";\n"
        }
        var seenDocuments = Set<String>()
        insert("documents", base.documents.filter { seenDocuments.insert($0.id).inserted }.map {
            [literal($0.id), literal($0.file), literal($0.title)]
        })
        insert("metrics", base.metricOrder.compactMap { base.metrics[$0] }.map {
            [literal($0.name), literal($0.kind.rawValue), literal($0.description), text($0.topic),
             list($0.dimensions), list($0.aliases)]
        })
        let dimensions = base.dimensionOrder.compactMap { base.dimensions[$0] }
        insert("dimensions", dimensions.map {
            [literal($0.name), literal($0.description), text($0.japanese), text($0.parent), $0.additive ? "1" : "0"]
        })
        insert("members", dimensions.flatMap { d in
            d.members.map { [literal(d.name), literal($0.name), literal($0.description), text($0.japanese), text($0.parent)] }
        })
        // IIJ's own growth rates, margins and differences: the query iijq answers with each figure.
        insert("printed_results", base.printed.map { p in
            let q = p.expected
            return [literal(p.query), q.low.formatted(places: q.places, grouping: false), q.isRange ? q.high.formatted(places: q.places, grouping: false) : "NULL",
                    literal(q.unit.description), literal(p.citation.document), literal(p.citation.slide), literal(p.citation.label),
                    text(p.citation.note)]
        })
        return out
    }

    /// One row of `facts`.
    static func row(_ f: Fact, _ base: FactBase) -> String {
        let q = f.quantity
        var fields: [String] = [
            literal(f.metric), text(base.metrics[f.metric]?.kind.rawValue),
            literal(f.period.description), literal(f.period.grain.rawValue),
            literal(f.period.startDate.description), literal(f.period.endDate.description), literal(f.basis.rawValue),
        ]
        for name in base.dimensionOrder { fields.append(text(f.value(of: name))) }
        let low = q.low.formatted(places: q.places, grouping: false)
        let high = q.isRange ? q.high.formatted(places: q.places, grouping: false) : nil
        fields += [
            literal(low), low, text(high), high ?? "NULL",
            literal(q.unit.description), q.unit.scale.map(String.init) ?? "NULL",
            literal(f.citations.map(\.document).joined(separator: " | ")),
            literal(f.citations.map(\.slide).joined(separator: " | ")),
            literal(f.citations.map(\.label).joined(separator: " | ")),
            FactExport.notes(f.citations).isEmpty ? "NULL" : literal(FactExport.notes(f.citations)),
        ]
        return "(" + fields.joined(separator: ", ") + ")"
    }

    /// The column of each dimension: its name, unless that is taken by a column of `facts`
    /// (a `--facts` file may declare a dimension called `value`), then `dim_` before it.
    static func columns(for dimensions: [String]) -> [String: String] {
        var taken = Set((leadingColumns + trailingColumns).map(\.name)), out: [String: String] = [:]
        for name in dimensions where taken.contains(name) == false {
            taken.insert(name)
            out[name] = name
        }
        for name in dimensions where out[name] == nil {
            var column = "dim_" + name
            while taken.contains(column) { column = "dim_" + column }
            taken.insert(column)
            out[name] = column
        }
        return out
    }

    /// A string literal: single quotes doubled; a control character, which SQL text cannot hold
    /// as written, is spliced in with `char(N)`.
    static func literal(_ s: String) -> String {
        var out = "'"
        for u in s.unicodeScalars {
            if u == "'" {
                out += "''"
            } else if u.value < 0x20 || u.value == 0x7F {
                out += "'||char(\(u.value))||'"
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out + "'"
    }

    /// A string literal, or NULL.
    static func text(_ s: String?) -> String { s.map(literal) ?? "NULL" }

    /// Names joined with commas, or NULL for none.
    static func list(_ names: [String]) -> String { names.isEmpty ? "NULL" : literal(names.joined(separator: ",")) }

    /// An identifier in double quotes, so that a dimension named like an SQL keyword (`order`) works.
    static func identifier(_ s: String) -> String {
        var out = "\""
        for ch in s { out += ch == "\"" ? "\"\"" : String(ch) }
        return out + "\""
    }
}
