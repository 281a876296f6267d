// SQLPrinter+ApplicationPackages: CREATE, DROP and ALTER APPLICATION PACKAGE, SHOW APPLICATION
// PACKAGES and SHOW VERSIONS back to text, so they round-trip like every other statement
// (parsed in Parser+ApplicationPackages.swift).

extension StatementPrinter {
    /// The statement back as SQL that parses to the same tree (RoundTripTests).
    static func applicationPackage(_ statement: ApplicationPackageStatement) -> String {
        switch statement {
        case .create(let c): return create(c.modifiers, "APPLICATION PACKAGE", c.name) + properties(c.properties)
        case .drop(let name, let ifExists): return "DROP APPLICATION PACKAGE " + (ifExists ? "IF EXISTS " : "") + name.description
        case .show(let like, let startsWith, let limit):
            var out = "SHOW APPLICATION PACKAGES"
            if let like { out += " LIKE " + SQLPrinter.quoteString(like) }
            if let startsWith { out += " STARTS WITH " + SQLPrinter.quoteString(startsWith) }
            if let limit { out += " LIMIT \(limit)" }
            return out
        case .showVersions(let name, let like):
            return "SHOW VERSIONS" + (like.map { " LIKE " + SQLPrinter.quoteString($0) } ?? "") + " IN APPLICATION PACKAGE " + name.description
        case .showSharedContent(let name, let version):
            return "SHOW SHARED CONTENT IN APPLICATION PACKAGE " + name.description + (version.map { " FOR VERSION " + $0.sql } ?? "")
        case .describe(let name): return "DESCRIBE APPLICATION PACKAGE " + name.description
        case .showReleaseDirectives(let name, let like):
            return "SHOW RELEASE DIRECTIVES" + (like.map { " LIKE " + SQLPrinter.quoteString($0) } ?? "") + " IN APPLICATION PACKAGE "
                + name.description
        case .alter(let alter):
            var out = "ALTER APPLICATION PACKAGE " + alter.name.description + " "
            func label(_ text: String?) -> String { text.map { " LABEL = " + SQLPrinter.quoteString($0) } ?? "" }
            switch alter.action {
            case .addVersion(let version, let location, let text):
                out += "ADD VERSION " + (version.map { $0.sql + " " } ?? "") + "USING " + stage(location) + label(text)
            case .addPatch(let patch, let version, let location, let text):
                out += "ADD PATCH " + (patch.map { "\($0) " } ?? "") + "FOR VERSION " + version.sql + " USING " + stage(location) + label(text)
            case .dropVersion(let version): out += "DROP VERSION " + version.sql
            case .setDefaultReleaseDirective(let version, let patch):
                out += "SET DEFAULT RELEASE DIRECTIVE VERSION = " + version.sql + " PATCH = \(patch)"
            case .addLiveVersion: out += "ADD LIVE VERSION"
            case .addLiveVersionFrom(let location): out += "ADD VERSION FROM " + stage(location)
            case .build: out += "BUILD"
            case .commit: out += "COMMIT"
            case .release(let live): out += live ? "RELEASE LIVE VERSION" : "RELEASE"
            case .abortLiveVersion: out += "ABORT LIVE VERSION"
            case .releaseDirective(let directive): out += releaseDirective(directive)
            }
            return out
        }
    }
}
