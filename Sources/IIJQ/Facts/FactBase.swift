#if !FACT_COMPILER  // FactCompiler compiles this module's sources and FactBase's as one
import FactBase
#endif

/// The facts iijq knows, with their metrics, dimensions and sources, indexed for lookup.
public struct FactBase: Sendable, Codable {
    public var documents: [Document] = []
    public var dimensions: [String: Dimension] = [:]
    public var dimensionOrder: [String] = []
    public var metrics: [String: Metric] = [:]
    public var metricOrder: [String] = []
    /// The topics metrics are grouped under, in declaration order.
    public var topics: [Topic] = []
    /// Every fact, in columns (`facts[i]` builds one), indexed by metric and key.
    public var facts = FactStore()
    /// The figures IIJ printed for expressions over facts, and their positions by the metrics
    /// their queries name (`indexPrinted`).
    public var printed: [PrintedResult] = []
    var printedIndex: [String: [Int]] = [:]
    /// Their forms, worked out as queries need them (`indexPrinted` starts it afresh).
    var printedForms = Memo<Int, PrintedResult>()
    /// Each metric's display scales, worked out once (`buildIndex` starts it afresh): every query asks.
    var displayScales = Memo<String, [Unit: Int]>()
    /// The derived series the fact files define (`define`), in declaration order.
    public var definitions: [BuiltInDefinition] = []
    /// Each definition's expression, parsed, under its name and its aliases.
    public var definitionBodies: [String: Expr] = [:]
    /// Alias (Japanese name) → metric name.
    public var aliases: [String: String] = [:]

    public init() {}

    /// What a fact image keeps (`FactImage`): everything but what `buildIndex` works out again,
    /// which `FactImage.base` calls. A stored property left out here and not rebuilt there fails
    /// `FactImageTests`, which compares every stored value of both bases.
    enum CodingKeys: String, CodingKey {
        case documents, dimensions, dimensionOrder, metrics, metricOrder, topics, facts, printed, definitions
    }

    mutating func buildIndex() {
        displayScales = Memo()
        aliases = [:]
        for name in metricOrder {
            for alias in metrics[name]?.aliases ?? [] where aliases[alias] == nil { aliases[alias] = name }
        }
        indexPrinted()
        definitionBodies = [:]
        for d in definitions {
            let source = Source(name: d.declaredAt.file, text: "let \(d.name) = \(d.body)", firstLine: d.declaredAt.line)
            guard case .success(let statement)? = Parser.parse(source).first, case .define(_, _, let body) = statement.kind else { continue }
            for name in [d.name] + d.aliases where definitionBodies[name] == nil { definitionBodies[name] = body }
        }
    }

    /// The definition `name` (or one of its aliases) stands for.
    public func definition(named name: String) -> BuiltInDefinition? {
        definitions.first { $0.name == name || $0.aliases.contains(name) || $0.aliases.contains(CJK.normalize(name)) }
    }

    /// The facts of one metric.
    public func facts(of metric: String) -> [Fact] {
        facts.positions(of: metric).map { facts[Int($0)] }
    }

    /// The metric a name or alias refers to.
    public func metric(named name: String) -> Metric? {
        metrics[name] ?? aliases[name].flatMap { metrics[$0] } ?? aliases[CJK.normalize(name)].flatMap { metrics[$0] }
    }

    /// The dimensions `name` nests in, nearest first (`segment` for `service`); a cycle the loader
    /// reported ends the walk.
    public func parents(ofDimension name: String) -> [String] {
        var out: [String] = [], next = dimensions[name]?.parent
        while let n = next, n != name, !out.contains(n) { out.append(n); next = dimensions[n]?.parent }
        return out
    }

    /// The members a member nests in, nearest first (`segment=nw_services` for `service=wan`).
    public func parents(of member: DimensionValue) -> [DimensionValue] {
        var out: [DimensionValue] = []
        var dimension = dimensions[member.dimension], value = dimension?.member(member.value)
        while let parent = dimension?.parent, let up = value?.parent, out.count < dimensions.count {
            out.append(DimensionValue(dimension: parent, value: up))
            dimension = dimensions[parent]
            value = dimension?.member(up)
        }
        return out
    }

    /// Loads the embedded fact files plus any extra files, returning problems found in any of them
    /// and, when there were too many to list, a line saying what was left out.
    public static func load(extra: [(name: String, text: String)] = []) -> (FactBase, [FactLoader.Problem], String?) {
        var loader = embeddedLoader()
        for file in extra { loader.read(name: file.name, text: file.text) }
        let base = loader.finish()
        return (base, loader.problems, loader.unreported)
    }

    /// A loader that has read the embedded fact files, ready for extra files and `finish()`: what
    /// `load(extra:)` starts from. The fuzz target for `--facts` files reads them once and copies it.
    public static func embeddedLoader() -> FactLoader {
        var loader = FactLoader()
        // In `EmbeddedFacts`' load order: the shared schema first, so listings start with the core metrics.
        for file in EmbeddedFacts.files { loader.read(name: file.name, text: file.text) }
        return loader
    }

    /// The members of `dimension` that facts of `metric` use, in declaration order.
    public func members(of dimension: String, for metric: String) -> [String] {
        let used = Set(facts(of: metric).compactMap { $0.value(of: dimension) })
        return (dimensions[dimension]?.members.map(\.name) ?? []).filter { used.contains($0) }
    }

    /// The actual periods of every metric a definition names, in order: where it may be tried.
    func periods(forDefinition d: BuiltInDefinition) -> [Period] {
        let names = metricOrder.filter { d.body.contains($0) }
        var common: Set<Period>?
        for n in names {
            let ps = Set(facts(of: n).filter { $0.basis == .actual }.map(\.period))
            common = common.map { $0.intersection(ps) } ?? ps
        }
        return (common ?? []).sorted()
    }

    /// The periods `metric` has facts for, in order.
    public func periods(for metric: String) -> [Period] {
        Array(Set(facts(of: metric).map(\.period))).sorted()
    }
}

/// Normalises CJK radical code points that slide text extraction produces (⽉ for 月).
enum CJK {
    static let radicals: [Unicode.Scalar: Unicode.Scalar] = [
        "⽉": "月", "⼀": "一", "⼈": "人", "⼊": "入", "⼤": "大", "⼩": "小", "⾼": "高", "⻑": "長", "⾃": "自", "⽬": "目",
        "⽀": "支", "⽴": "立", "⽇": "日", "⾦": "金", "⼿": "手", "⼯": "工", "⽣": "生", "⾏": "行", "⽅": "方", "⼼": "心",
        "⼒": "力", "⽤": "用", "⾯": "面", "⾒": "見", "⽐": "比", "⻄": "西", "⽂": "文", "⾝": "身", "⼦": "子", "⼥": "女",
    ]

    static func normalize(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars { out.append(radicals[u] ?? u) }
        return String(out)
    }

    /// The names of a comma-separated `ja=` list (`回線種別,モバイル区分`), each normalized.
    static func names(_ list: String?) -> [String] {
        (list ?? "").split(separator: ",").map { normalize(String($0).trimmingSpaces()) }
    }
}
