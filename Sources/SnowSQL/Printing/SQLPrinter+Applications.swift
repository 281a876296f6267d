// SQLPrinter+Applications: CREATE, ALTER, DROP, SHOW and DESCRIBE APPLICATION, CREATE APPLICATION
// ROLE and CREATE STREAMLIT back to text (parsed in Parser+Applications.swift).

enum NativeAppPrinter {
    static func source(_ source: CreateApplication.Source) -> String {
        switch source {
        case .version(let version, let patch): return " USING VERSION " + version.sql + (patch.map { " PATCH \($0)" } ?? "")
        case .stage(let location): return " USING " + StatementPrinter.stage(location)
        case .releaseDirective: return ""
        }
    }

    static func print(_ statement: ApplicationStatement) -> String {
        switch statement {
        case .create(let c):
            let out = StatementPrinter.create(c.modifiers, "APPLICATION", c.name) + " FROM APPLICATION PACKAGE " + c.package.description
            return out + source(c.source) + StatementPrinter.properties(c.properties)
        case .alter(let name, let ifExists, let action):
            let out = "ALTER APPLICATION " + (ifExists ? "IF EXISTS " : "") + name.description
            switch action {
            case .set(let properties): return out + " SET" + StatementPrinter.properties(properties)
            case .upgrade(let s): return out + " UPGRADE" + source(s)
            case .unsetReferences(let reference, let alias):
                guard let reference else { return out + " UNSET REFERENCES" }
                return out + " UNSET REFERENCES (" + SQLPrinter.quoteString(reference)
                    + (alias.map { ", " + SQLPrinter.quoteString($0) } ?? "") + ")"
            }
        case .executeFrom(let path): return "EXECUTE IMMEDIATE FROM " + SQLPrinter.quoteString(path)
        case .drop(let name, let ifExists, let cascade):
            return "DROP APPLICATION " + (ifExists ? "IF EXISTS " : "") + name.description + (cascade ? " CASCADE" : "")
        case .show(let like):
            return "SHOW APPLICATIONS" + (like.map { " LIKE " + SQLPrinter.quoteString($0) } ?? "")
        case .describe(let name): return "DESCRIBE APPLICATION " + name.description
        case .showRoles(let name): return "SHOW APPLICATION ROLES IN APPLICATION " + name.description
        case .showPrivileges(let name): return "SHOW PRIVILEGES IN APPLICATION " + name.description
        case .showReferences(let name): return "SHOW REFERENCES IN APPLICATION " + name.description
        case .showTelemetryEventDefinitions(let name): return "SHOW TELEMETRY EVENT DEFINITIONS IN APPLICATION " + name.description
        case .showObjectsOwned(let name): return "SHOW OBJECTS OWNED BY APPLICATION " + name.description
        case .createRole(let c):
            return StatementPrinter.create(c.modifiers, "APPLICATION ROLE", c.name) + StatementPrinter.properties(c.properties)
        case .createStreamlit(let c):
            let root = c.root.hasPrefix("@") ? c.root : SQLPrinter.quoteString(c.root)
            return StatementPrinter.create(c.modifiers, "STREAMLIT", c.name) + " FROM " + root + StatementPrinter.properties(c.properties)
        }
    }
}
