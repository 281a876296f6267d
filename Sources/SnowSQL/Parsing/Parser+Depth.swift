// Parser+Depth: how deep a statement's tree may nest. Every later stage walks the tree by
// recursion — the translator, the printer, StatementKinds, the interpreter, Equatable and the
// release of the tree itself — so a tree thousands of levels deep (3,000 parentheses, 5,000
// NOTs, a 10,000-term `a + a + …`) would overflow the thread's stack and kill the process. The
// parser refuses, with the limit error, any tree deeper than `maximumDepth` levels, which keeps
// every walk of an accepted tree within a known stack (see `maximumDepth`).
//
// Recursion is counted where it happens (`descend`, at each expression, query and scripting
// statement). A left-associative chain (`a + b + c`, `x::int::int`, `t1 JOIN t2 JOIN t3`, UNION)
// is built by a loop, not by recursion, yet each turn pushes everything parsed so far one level
// down; the chain helpers keep, for the chain being parsed, the deepest level any of its nodes
// reached (`deepest`) and move it down one level per turn, so a long flat chain is measured as
// the deep tree it is.

extension Parser {
    /// Tree levels a statement may nest. Snowflake compiles deeper trees, but SQLite 3.40's parser
    /// refuses SQL nested more than about 100 levels anyway, so nothing much deeper could run.
    /// Measured with snowsql under `ulimit -s`: a release build parses and runs 256 levels of
    /// nested calls, CASEs or blocks within 2 MB of stack (nested calls overflow 1 MB); a debug
    /// build needs about 5 MB (4 MB overflows). So 256 levels fit the 8 MB every Linux thread here
    /// gets (main, Dispatch queues, NIO, Foundation threads, from the 8 MB stack limit) and the
    /// 16 MB of task threads — not the 512 KB of macOS's secondary threads.
    public static let maximumDepth = 256

    /// One level deeper: a child node is parsed. Throws at the limit.
    mutating func descend() throws(SyntaxError) {
        depth += 1
        deepest = max(deepest, depth)
        if depth > Parser.maximumDepth { throw tooDeep() }
    }

    mutating func ascend() { depth -= 1 }

    /// The limit error, at the current token.
    func tooDeep() -> SyntaxError { SyntaxError(at: current, reason: .nestedTooDeeply(limit: Parser.maximumDepth)) }

    /// Parses `parse` one level down, as the child of a node at the current level.
    mutating func child<T>(_ parse: (inout Parser) throws(SyntaxError) -> T) throws(SyntaxError) -> T {
        try descend()
        defer { ascend() }
        return try parse(&self)
    }

    // MARK: - Left-associative chains

    /// Starts measuring a chain whose root sits at the current level; returns what `endChain`
    /// needs to give the enclosing chain back its own measure.
    mutating func beginChain() -> Int {
        let outer = deepest
        deepest = depth
        return outer
    }

    /// One more turn of the chain: the tree built so far becomes the left child of a new node at
    /// the current level, so each of its nodes moves one level down. Throws at the limit.
    mutating func lengthenChain() throws(SyntaxError) {
        deepest += 1
        if deepest > Parser.maximumDepth { throw tooDeep() }
    }

    /// Ends the chain: the enclosing chain's deepest level includes this one's.
    mutating func endChain(_ outer: Int) {
        deepest = max(outer, deepest)
    }
}
