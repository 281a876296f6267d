// CatalogKind: the kinds of object the catalog records, one vocabulary for every family. Schema
// objects are rows of sl_object and account objects rows of sl_account_object; both keep the
// kind as text, and the raw values below are exactly that text, so the account file reads the
// same as before there was an enum. (SnowSQL's `ObjectKind` is the parser's smaller list of kinds
// DROP, SHOW and DESCRIBE name; `SecurableKind` is what grants name; databases have their own
// `DatabaseKind`.) A row whose kind is none of these can only come from a damaged file: reading it
// is an internal error.

import SnowSQL

enum CatalogKind: String, CaseIterable, Sendable {
    // Schema objects (sl_object).
    case table = "TABLE"
    case view = "VIEW"
    case sequence = "SEQUENCE"
    case stage = "STAGE"
    case procedure = "PROCEDURE"
    /// A user-defined function, named with its argument types as procedures are (UserFunctions/).
    case function = "FUNCTION"
    case streamlit = "STREAMLIT"
    case task = "TASK"
    case networkRule = "NETWORK RULE"
    case secret = "SECRET"
    /// A stream on a table or view (Streams/): its source and offset are properties.
    case stream = "STREAM"
    /// A file format (Loading/): its TYPE and written options are properties.
    case fileFormat = "FILE FORMAT"

    // Account objects (sl_account_object).
    case warehouse = "WAREHOUSE"
    case role = "ROLE"
    case user = "USER"
    /// External access (and later other) integrations; the type is the `type` property.
    case integration = "INTEGRATION"
    case applicationPackage = "APPLICATION PACKAGE"
    /// An application as an account object (its manifest, version, debug mode). Its container is
    /// also a database of kind APPLICATION.
    case application = "APPLICATION"
    /// An application role, named `APP.ROLE` (canonical) so roles of different applications never meet.
    case applicationRole = "APPLICATION ROLE"
    /// An account-level parameter (ALTER ACCOUNT SET EVENT_TABLE, LOG_LEVEL…), its value the `value` property.
    case accountParameter = "ACCOUNT PARAMETER"

    // Kinds Snowlite never writes (an event table is a TABLE with `event_table` set; every
    // integration an INTEGRATION with a `type`) but that grants resolve when a row has them, as
    // they did before this enum: ON TABLE finds event tables, ON INTEGRATION any integration.
    case eventTable = "EVENT TABLE"
    case eventTableUnderscored = "EVENT_TABLE"
    case externalAccessIntegration = "EXTERNAL ACCESS INTEGRATION"
    case apiIntegration = "API INTEGRATION"
    case securityIntegration = "SECURITY INTEGRATION"
    case storageIntegration = "STORAGE INTEGRATION"
    case notificationIntegration = "NOTIFICATION INTEGRATION"

    /// The kind of a row read from the catalog; an unknown kind is a damaged account file.
    static func stored(_ text: String) throws -> CatalogKind {
        guard let kind = CatalogKind(rawValue: text) else {
            throw SnowflakeError.internalError("unknown catalog object kind '\(text)'")
        }
        return kind
    }

    /// The catalog kind of a kind DROP, SHOW or DESCRIBE names; nil for DATABASE and SCHEMA,
    /// which have tables of their own.
    init?(_ kind: ObjectKind) {
        self.init(rawValue: kind.rawValue)
    }

    /// The catalog kind of a network rule, secret or integration statement.
    init(_ kind: ExternalAccessKind) {
        switch kind {
        case .networkRule: self = .networkRule
        case .secret: self = .secret
        case .integration: self = .integration
        }
    }
}

/// What kind of database a row of sl_database is.
enum DatabaseKind: String, Sendable {
    case standard = "STANDARD"
    /// The container of an application (CREATE APPLICATION).
    case application = "APPLICATION"
    /// The container an application package is (CREATE APPLICATION PACKAGE): the provider's
    /// schemas, tables and views whose grants to the package's share reach its applications.
    case applicationPackage = "APPLICATION PACKAGE"

    /// The kind of a row read from the catalog; an unknown kind is a damaged account file.
    static func stored(_ text: String) throws -> DatabaseKind {
        guard let kind = DatabaseKind(rawValue: text) else {
            throw SnowflakeError.internalError("unknown database kind '\(text)'")
        }
        return kind
    }
}
