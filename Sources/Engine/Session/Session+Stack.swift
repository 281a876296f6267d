// Session+Stack: how much stack the statement running in this session has used. Each limit on
// nesting bounds one thing — the parser a statement's tree (256 levels), CALL the procedures
// inside one another (64) — but they multiply: a procedure whose body is 200 nested blocks and
// calls itself at the bottom recurses 64 × 200 levels. So a CALL, an EXECUTE IMMEDIATE and every
// statement run from inside another start only while the outermost statement has used less than
// `stackBudget`; whatever one of them then does alone (parsing and running a tree at the parser's
// limit, about 5 MB in a debug build) fits the rest of an 8 MB thread. The mark is the session's
// own, set by its outermost statement (Session+Execute.swift): no process-wide state.

extension Session {
    /// Stack a statement may have used when it starts a nested one.
    static let stackBudget = 2 << 20

    /// The address of a local of this frame: where the stack is now (it grows down).
    @inline(never)
    static func stackAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    /// Throws when the outermost statement has used more than `stackBudget` of stack.
    func checkStack() throws {
        guard let top = stackTop else { return }
        let now = Session.stackAddress()
        if top > now && top - now > UInt(Session.stackBudget) { throw SnowflakeError.nestingTooDeep(budget: Session.stackBudget) }
    }
}
