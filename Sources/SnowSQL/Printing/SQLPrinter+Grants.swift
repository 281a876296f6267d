// SQLPrinter+Grants: GRANT, REVOKE and SHOW GRANTS back to text (round trips).

enum GrantPrinter {
    static func print(_ statement: Statement) -> String {
        switch statement {
        case .grant(let g):
            return "GRANT " + privileges(g.privileges) + " ON " + target(g.target) + " TO " + grantee(g.grantee)
                + (g.withGrantOption ? " WITH GRANT OPTION" : "")
        case .revoke(let r):
            var out = "REVOKE " + (r.grantOptionFor ? "GRANT OPTION FOR " : "") + privileges(r.privileges)
            out += " ON " + target(r.target) + " FROM " + grantee(r.grantee)
            if let cascade = r.cascade { out += cascade ? " CASCADE" : " RESTRICT" }
            return out
        case .grantRole(let g): return "GRANT " + g.kind.rawValue + " " + g.role.description + " TO " + grantee(g.grantee)
        case .revokeRole(let r): return "REVOKE " + r.kind.rawValue + " " + r.role.description + " FROM " + grantee(r.grantee)
        case .grantOwnership(let g):
            return "GRANT OWNERSHIP ON " + target(g.target) + " TO " + grantee(g.grantee)
                + (g.currentGrants.map { " " + $0.rawValue + " CURRENT GRANTS" } ?? "")
        case .showGrants(let form):
            switch form {
            case .toCurrentUser: return "SHOW GRANTS"
            case .on(let t): return "SHOW GRANTS ON " + target(t)
            case .to(let g): return "SHOW GRANTS TO " + grantee(g)
            case .of(let kind, let name): return "SHOW GRANTS OF " + kind.rawValue + " " + name.description
            case .future(let c): return "SHOW FUTURE GRANTS IN " + container(c)
            }
        default:
            return StatementPrinter.print(statement)
        }
    }

    static func privileges(_ list: [String]?) -> String { list?.joined(separator: ", ") ?? "ALL PRIVILEGES" }

    static func target(_ target: GrantTarget) -> String {
        switch target {
        case .account: return "ACCOUNT"
        case .object(let kind, let name, let arguments):
            return kind + " " + name.description + (arguments.map { "(" + $0.map(\.description).joined(separator: ", ") + ")" } ?? "")
        case .all(let kind, let c): return "ALL " + plural(kind) + " IN " + container(c)
        case .future(let kind, let c): return "FUTURE " + plural(kind) + " IN " + container(c)
        }
    }

    static func plural(_ kind: String) -> String { kind + "S" }

    static func container(_ c: GrantContainer) -> String {
        switch c {
        case .database(let name): return "DATABASE " + name.description
        case .schema(let name): return "SCHEMA " + name.description
        }
    }

    static func grantee(_ g: Grantee) -> String {
        switch g {
        case .role(let n): return "ROLE " + n.description
        case .user(let n): return "USER " + n.description
        case .application(let n): return "APPLICATION " + n.description
        case .applicationRole(let n): return "APPLICATION ROLE " + n.description
        case .databaseRole(let n): return "DATABASE ROLE " + n.description
        case .share(let n): return "SHARE " + n.description
        case .applicationPackageShare(let n): return "SHARE IN APPLICATION PACKAGE " + n.description
        }
    }
}
