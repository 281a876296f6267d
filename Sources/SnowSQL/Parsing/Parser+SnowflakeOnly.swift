// Parser+SnowflakeOnly: statements about what runs only in Snowflake's cloud — Snowpark Container
// Services objects (compute pools, services, job services, image repositories), external tables
// (files in cloud storage), external functions and the API integrations they call through.
// Snowlite runs offline and can run none of them, so such a statement fails at once with an error
// that says so (SyntaxError.Reason.needsSnowflake, reported as 001003 Unsupported feature), rather
// than as a syntax error at a word Snowflake knows. Only the words right after the verb (and OR
// REPLACE, SECURE, TERSE) are looked at, so a table named SERVICE is still a table. SHOW EXTERNAL
// TABLES and the like are left to the parser.
// https://docs.snowflake.com/en/developer-guide/snowpark-container-services/overview,
// …/sql-reference/sql/create-external-table, …/sql-reference/sql/create-external-function

extension Parser {
    /// The Snowpark Container Services kind the statement at the current token is about, if any.
    func snowflakeOnlyKind() -> String? {
        guard current.kind == .word else { return nil }
        var offset = 1
        switch current.text.uppercased() {
        case "CREATE":
            if peek(1).isWord("OR") && (peek(2).isWord("REPLACE") || peek(2).isWord("ALTER")) { offset = 3 }
            if peek(offset).isWord("SECURE") { offset += 1 }
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
        case ("EXTERNAL", "TABLE") where !current.isWord("SHOW"): return "EXTERNAL TABLE"
        case ("EXTERNAL", "FUNCTION") where !current.isWord("SHOW"): return "EXTERNAL FUNCTION"
        case ("API", "INTEGRATION") where !current.isWord("SHOW"): return "API INTEGRATION"
        default: return nil
        }
    }
}
