// SQLPrinter+ReleaseDirectives: SET, MODIFY and UNSET RELEASE DIRECTIVE back to text, after
// `ALTER APPLICATION PACKAGE name ` (SQLPrinter+ApplicationPackages.swift prints the rest), so they
// round-trip like every other statement (parsed in Parser+ApplicationPackages.swift).

extension StatementPrinter {
    /// A release-directive action as SQL that parses to the same tree.
    static func releaseDirective(_ action: ReleaseDirectiveAction) -> String {
        switch action {
        case .set(let name, let accounts, let version, let patch):
            let targets = accounts.map { $0.organization.sql + "." + $0.account.sql }.joined(separator: ", ")
            return "SET RELEASE DIRECTIVE " + name.sql + " ACCOUNTS = (" + targets + ") VERSION = " + version.sql + " PATCH = \(patch)"
        case .modify(let name, let version, let patch):
            return "MODIFY RELEASE DIRECTIVE " + name.sql + " VERSION = " + version.sql + " PATCH = \(patch)"
        case .unset(let name):
            return "UNSET RELEASE DIRECTIVE " + name.sql
        }
    }
}
