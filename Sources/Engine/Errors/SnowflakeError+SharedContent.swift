// SnowflakeError+SharedContent: the errors of a provider sharing data with its applications
// through the package (GRANT … TO SHARE IN APPLICATION PACKAGE). Snowflake documents what may be
// shared (the package's schemas, tables and views; REFERENCE_USAGE on another database for a view
// over it) but not its error texts: codes and wording here are chosen [?], except the view rule,
// whose sentence is the one Snowflake gives for shares.
// https://docs.snowflake.com/en/developer-guide/native-apps/preparing-data-content

extension SnowflakeError {
    /// A schema, table or view of another database granted to a package's share [? wording chosen].
    static func notInPackage(_ kind: String, _ name: String, package: String) -> SnowflakeError {
        compilationError(
            """
            \(kind) '\(name)' is not in application package '\(package)'. Only the package's own schemas, tables and views \
            can be granted to SHARE IN APPLICATION PACKAGE \(package).
            """)
    }

    /// A privilege, or an object kind, a package's share does not take [? wording chosen].
    static func notShareable(_ privilege: String, on kind: String) -> SnowflakeError {
        compilationError("Privilege '\(privilege)' on \(kind) cannot be granted to SHARE IN APPLICATION PACKAGE.")
    }

    /// GRANT SELECT ON VIEW v TO SHARE IN APPLICATION PACKAGE p, where v reads a database p's share
    /// was not given REFERENCE_USAGE on.
    static func sharedViewReferencesOtherDatabase(_ view: String, database: String) -> SnowflakeError {
        compilationError(
            """
            A view or function being shared cannot reference objects from other databases. View '\(view)' reads database \
            '\(database)': grant REFERENCE_USAGE on it to the application package's share first.
            """)
    }

    /// A declarative package's statement on a package of TYPE = NATIVE [? wording chosen].
    static func notDeclarative(_ package: String, _ what: String) -> SnowflakeError {
        compilationError("\(what) is supported only for application packages of TYPE = DATA; '\(package)' is of TYPE = NATIVE.")
    }

    /// FUTURE grants and WITH GRANT OPTION to a package's share [? wording chosen].
    static func shareGrantUnsupported(_ what: String) -> SnowflakeError {
        unsupported("\(what) TO SHARE IN APPLICATION PACKAGE")
    }
}
