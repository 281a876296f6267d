// ResourceNames: every name the connector puts into DDL is checked here first, so nothing is built
// from unchecked text. Object names from the configuration must be Snowflake identifiers (unquoted,
// optionally qualified); a resource id must be `owner/repo` by GitHub's rules (an owner of 1–39
// letters, digits and single inner hyphens; a repository of 1–100 letters, digits, `.`, `_`, `-`,
// not `.` or `..`). The sink table is `<DEST>.PUBLIC.<OWNER_REPO>` with `/`, `-` and `.` as `_`.

import Foundation

public enum ResourceNames {
    /// `NAME`, `DB.NAME` or `DB.SCHEMA.NAME` of unquoted identifiers: letters, digits, `_`, `$`,
    /// not starting with a digit or `$`.
    static func isIdentifier(_ text: String, parts allowed: ClosedRange<Int>) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard allowed.contains(parts.count) else { return false }
        return parts.allSatisfy { part in
            guard let first = part.first, first.isASCII, first.isLetter || first == "_", part.count <= 255 else { return false }
            return part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "$") }
        }
    }

    /// Checks `owner/repo`; returns the two parts.
    static func resource(_ id: String) throws -> (owner: String, repository: String) {
        let parts = id.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let invalid = ConnectorError("Invalid resource id '\(id)': expected 'owner/repository' as GitHub names them")
        guard parts.count == 2 else { throw invalid }
        let (owner, repository) = (parts[0], parts[1])
        let ownerOK = (1...39).contains(owner.count) && !owner.hasPrefix("-") && !owner.hasSuffix("-") && !owner.contains("--")
            && owner.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        let repositoryOK = (1...100).contains(repository.count) && repository != "." && repository != ".."
            && repository.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
        guard ownerOK && repositoryOK else { throw invalid }
        return (owner, repository)
    }

    /// `OWNER_REPO`: the sink table's name for a checked resource id (the dashboard reads it too).
    public static func escaped(_ id: String) -> String {
        String(id.uppercased().map { "/-.".contains($0) ? "_" : $0 })
    }

    /// The sink table as SQL: the escaped name is quoted, since it may begin with a digit.
    static func sinkTable(database: String, resource: String, suffix: String = "") -> String {
        "\(database.uppercased()).PUBLIC.\"\(escaped(resource))\(suffix)\""
    }

    /// The flattened view over the sink table, as SQL.
    static func sinkView(database: String, resource: String) -> String {
        sinkTable(database: database, resource: resource, suffix: "_FLATTENED")
    }

    /// The sink table as the state records it (`DEST.PUBLIC.OWNER_REPO`).
    static func sinkTableName(database: String, resource: String) -> String {
        "\(database.uppercased()).PUBLIC.\(escaped(resource))"
    }
}
