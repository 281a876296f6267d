// Parser+SnowflakeOnly: statements about Snowpark Container Services objects — compute pools,
// services, job services, image repositories. Snowlite runs offline and cannot run containers, so
// such a statement fails at once with an error that says so (SyntaxError.Reason.needsSnowflake,
// reported as 001003 Unsupported feature), rather than as a syntax error at a word Snowflake knows.
// Only the word right after the verb (and OR REPLACE, TERSE) is looked at, so a table named
// SERVICE is still a table.
// https://docs.snowflake.com/en/developer-guide/snowpark-container-services/overview

extension Parser {
    /// The Snowpark Container Services kind the statement at the current token is about, if any.
    func snowflakeOnlyKind() -> String? {
        guard current.kind == .word else { return nil }
        var offset = 1
        switch current.text.uppercased() {
        case "CREATE":
            if peek(1).isWord("OR") && (peek(2).isWord("REPLACE") || peek(2).isWord("ALTER")) { offset = 3 }
        case "SHOW":
            if peek(1).isWord("TERSE") { offset = 2 }
        case "ALTER", "DROP", "DESC", "DESCRIBE", "EXECUTE":
            break
        default:
            return nil
        }
        let first = peek(offset).kind == .word ? peek(offset).text.uppercased() : ""
        let second = peek(offset + 1).kind == .word ? peek(offset + 1).text.uppercased() : ""
        // `SERVICE name`: a name follows (`DESC service` alone describes a table named SERVICE).
        let named = peek(offset + 1).kind == .word || peek(offset + 1).kind == .quotedIdentifier
        switch (first, second) {
        case ("COMPUTE", "POOL"), ("COMPUTE", "POOLS"): return "COMPUTE POOL"
        case ("IMAGE", "REPOSITORY"), ("IMAGE", "REPOSITORIES"): return "IMAGE REPOSITORY"
        case ("JOB", "SERVICE"): return "JOB SERVICE"
        case ("SERVICE", _) where named: return "SERVICE"
        case ("SERVICES", _) where current.isWord("SHOW"): return "SERVICE"
        default: return nil
        }
    }
}
