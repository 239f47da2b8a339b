/// "Did you mean" suggestions by edit distance, offered only for close matches.
public enum Suggest {
    /// The closest candidate to `word`, if it is within a third of the word's length (at least 1, at most 3 edits).
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let limit = min(3, max(1, word.count / 3))
        var best: (String, Int)?
        // On a tie, a candidate that starts as the word does (`dsc` is `desc`, not `asc`).
        let first = word.lowercased().first
        for candidate in candidates {
            let d = distance(word.lowercased(), candidate.lowercased(), limit: limit)
            guard d <= limit else { continue }
            if let (name, bestDistance) = best, d > bestDistance || (d == bestDistance && (candidate.lowercased().first != first || name.lowercased().first == first)) { continue }
            best = (candidate, d)
        }
        return best?.0
    }

    /// Edit distance counting a swap of two neighbours as one edit (`hlep` → `help`), stopping
    /// early once it exceeds `limit`.
    static func distance(_ a: String, _ b: String, limit: Int) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMin = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return limit + 1 }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }

    /// A `did you mean 'x'?` hint list, empty when nothing is close.
    public static func hint(for word: String, in candidates: some Sequence<String>) -> [String] {
        closest(to: word, in: candidates).map { ["did you mean '\($0)'?"] } ?? []
    }
}
