/// Converting a result for display (`in bn`, `in 億円`, `in %`): exact, and only between units of one kind.
enum Display {
    static func convert(_ frame: Frame, to target: DisplayUnit) throws -> Frame {
        var f = frame
        for i in f.cells.indices {
            let q = f.cells[i].quantity
            switch target.kind {
            case .scale(let s):
                guard q.unit.scale != nil else {
                    throw Diagnostic(.unitMismatch, "cannot show \(q.unit.readable) in \(target.word)", at: target.span,
                                     hints: ["`in \(target.word)` rescales money and counts; ratios are already in %"])
                }
                do { f.cells[i].quantity = try UnitRules.rescale(q, to: q.unit.withScale(s)) } catch let e as UnitError { throw e.diagnostic(at: target.span) }
            case .percent:
                switch q.unit {
                case .percent, .pp: break
                case .number:
                    do {
                        var p = try UnitRules.percent(q)
                        p.places = max(1, q.places - 2)
                        f.cells[i].quantity = p
                    } catch let e as UnitError { throw e.diagnostic(at: target.span) }
                default:
                    throw Diagnostic(.unitMismatch, "cannot show \(q.unit.readable) in %", at: target.span,
                                     hints: ["divide by a total first: share(x), or x / y"])
                }
            }
        }
        return f
    }
}
