// Parser+Grants: GRANT, REVOKE and SHOW GRANTS (spec §11). Privileges are runs of words up to
// `ON` or `,` (`CREATE TABLE`, `EXECUTE MANAGED TASK`), so any privilege Snowflake adds parses;
// the engine refuses those a kind does not have. Object kinds may be two words (`EVENT TABLE`,
// `APPLICATION PACKAGE`); procedures and functions are named with their argument types.
// https://docs.snowflake.com/en/sql-reference/sql/grant-privilege, …/revoke-privilege,
// …/grant-role, …/grant-ownership, …/show-grants

extension Parser {
    /// Object kinds after `ON`, two-word kinds first so `EVENT TABLE` is not read as `EVENT`.
    static let grantKinds = [
        "APPLICATION PACKAGE", "EVENT TABLE", "NETWORK RULE", "FILE FORMAT", "DATABASE", "SCHEMA", "TABLE", "VIEW", "SEQUENCE", "STAGE",
        "PROCEDURE", "FUNCTION", "TASK", "SECRET", "STREAMLIT", "STREAM", "WAREHOUSE", "INTEGRATION", "APPLICATION", "ROLE", "USER",
    ]

    /// GRANT <privileges> ON … TO … [WITH GRANT OPTION]
    /// | GRANT { ROLE | APPLICATION ROLE | DATABASE ROLE } r TO { ROLE | USER | APPLICATION ROLE … } x
    /// | GRANT OWNERSHIP ON … TO ROLE r [{ REVOKE | COPY } CURRENT GRANTS]
    mutating func parseGrant() throws(SyntaxError) -> Statement {
        try expect("GRANT")
        if let kind = matchRoleKind() {
            let role = try parseObjectName()
            try expect("TO")
            return .grantRole(GrantRole(kind: kind, role: role, grantee: try parseGrantee()))
        }
        if check("OWNERSHIP") && peek().isWord("ON") {
            advance(); advance()
            var grant = GrantOwnership(target: try parseGrantTarget(), grantee: .role(.parts([])))
            try expect("TO")
            grant.grantee = try parseGrantee()
            if match("REVOKE", "CURRENT", "GRANTS") { grant.currentGrants = .revoke }
            else if match("COPY", "CURRENT", "GRANTS") { grant.currentGrants = .copy }
            return .grantOwnership(grant)
        }
        let privileges = try parsePrivileges()
        try expect("ON")
        let target = try parseGrantTarget()
        try expect("TO")
        let grantee = try parseGrantee()
        let withGrantOption = match("WITH", "GRANT", "OPTION")
        return .grant(GrantPrivileges(privileges: privileges, target: target, grantee: grantee, withGrantOption: withGrantOption))
    }

    /// REVOKE [GRANT OPTION FOR] <privileges> ON … FROM … [CASCADE | RESTRICT]
    /// | REVOKE { ROLE | APPLICATION ROLE | DATABASE ROLE } r FROM …
    mutating func parseRevoke() throws(SyntaxError) -> Statement {
        try expect("REVOKE")
        if let kind = matchRoleKind() {
            let role = try parseObjectName()
            try expect("FROM")
            return .revokeRole(GrantRole(kind: kind, role: role, grantee: try parseGrantee()))
        }
        let grantOptionFor = match("GRANT", "OPTION", "FOR")
        let privileges = try parsePrivileges()
        try expect("ON")
        let target = try parseGrantTarget()
        try expect("FROM")
        var revoke = RevokePrivileges(grantOptionFor: grantOptionFor, privileges: privileges, target: target,
                                      grantee: try parseGrantee())
        if match("CASCADE") { revoke.cascade = true } else if match("RESTRICT") { revoke.cascade = false }
        return .revoke(revoke)
    }

    /// SHOW GRANTS [ON ACCOUNT | ON <kind> <name> | TO <grantee> | OF { ROLE | APPLICATION ROLE | DATABASE ROLE } r]
    /// | SHOW FUTURE GRANTS IN { SCHEMA s | DATABASE d }
    mutating func parseShowGrants() throws(SyntaxError) -> Statement {
        if match("FUTURE") {
            try expect("GRANTS")
            try expect("IN")
            return .showGrants(.future(try parseGrantContainer()))
        }
        try expect("GRANTS")
        if match("ON") { return .showGrants(.on(try parseGrantTarget())) }
        if match("TO") { return .showGrants(.to(try parseGrantee())) }
        if match("OF") {
            guard let kind = matchRoleKind() else { throw unexpected() }
            return .showGrants(.of(kind, try parseObjectName()))
        }
        return .showGrants(.toCurrentUser)
    }

    // MARK: - Parts

    /// `ROLE`, `APPLICATION ROLE` or `DATABASE ROLE` when a role name follows.
    private mutating func matchRoleKind() -> GrantRole.Kind? {
        if check("ROLE") && peek().kind != .endOfInput && !peek().isWord("TO") && !peek().isWord("FROM") {
            advance()
            return .role
        }
        if match("APPLICATION", "ROLE") { return .applicationRole }
        if match("DATABASE", "ROLE") { return .databaseRole }
        return nil
    }

    /// `ALL [PRIVILEGES]` (nil) or `priv [words…], …` up to `ON`.
    private mutating func parsePrivileges() throws(SyntaxError) -> [String]? {
        if check("ALL") && (peek().isWord("PRIVILEGES") || peek().isWord("ON")) {
            advance()
            _ = match("PRIVILEGES")
            return nil
        }
        var privileges: [String] = []
        repeat {
            var words: [String] = []
            while current.kind == .word && !check("ON") { words.append(advance().text.uppercased()) }
            guard !words.isEmpty else { throw unexpected() }
            privileges.append(words.joined(separator: " "))
        } while matchSymbol(",")
        return privileges
    }

    /// `ACCOUNT | <kind> <name>[(types)] | ALL <kinds> IN … | FUTURE <kinds> IN …`
    private mutating func parseGrantTarget() throws(SyntaxError) -> GrantTarget {
        if match("ACCOUNT") { return .account }
        for (keyword, isFuture) in [("ALL", false), ("FUTURE", true)] where check(keyword) && peek().kind == .word {
            advance()
            let kind = try parseGrantKind(plural: true)
            try expect("IN")
            let container = try parseGrantContainer()
            return isFuture ? .future(kind: kind, in: container) : .all(kind: kind, in: container)
        }
        let kind = try parseGrantKind(plural: false)
        let name = try parseObjectName()
        var arguments: [DataTypeName]?
        if (kind == "PROCEDURE" || kind == "FUNCTION") && matchSymbol("(") {
            var types: [DataTypeName] = []
            if !checkSymbol(")") {
                repeat { types.append(try parseDataType()) } while matchSymbol(",")
            }
            try expectSymbol(")")
            arguments = types
        }
        return .object(kind: kind, name: name, arguments: arguments)
    }

    /// An object kind (`EVENT TABLE`), or its plural (`EVENT TABLES`, `SCHEMAS`) after ALL / FUTURE.
    private mutating func parseGrantKind(plural: Bool) throws(SyntaxError) -> String {
        for kind in Parser.grantKinds {
            let words = kind.split(separator: " ").map(String.init)
            let written = plural ? words.dropLast() + [words[words.count - 1] + "S"] : words
            if written.enumerated().allSatisfy({ peek($0.offset).isWord($0.element) }) {
                for _ in written { advance() }
                return kind
            }
        }
        throw unexpected()
    }

    private mutating func parseGrantContainer() throws(SyntaxError) -> GrantContainer {
        if match("SCHEMA") { return .schema(try parseObjectName()) }
        try expect("DATABASE")
        return .database(try parseObjectName())
    }

    /// `ROLE r | USER u | APPLICATION ROLE [app.]r | APPLICATION a | DATABASE ROLE [db.]r | SHARE s`
    private mutating func parseGrantee() throws(SyntaxError) -> Grantee {
        if match("ROLE") { return .role(try parseObjectName()) }
        if match("USER") { return .user(try parseObjectName()) }
        if match("APPLICATION", "ROLE") { return .applicationRole(try parseObjectName()) }
        if match("APPLICATION") { return .application(try parseObjectName()) }
        if match("DATABASE", "ROLE") { return .databaseRole(try parseObjectName()) }
        if match("SHARE", "IN") {
            try expect("APPLICATION")
            try expect("PACKAGE")
            return .applicationPackageShare(try parseObjectName())
        }
        if match("SHARE") { return .share(try parseObjectName()) }
        throw unexpected()
    }
}
