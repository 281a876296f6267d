// ApplicationManifest: what a native app's manifest.yml declares (spec §5.3) — its version, the
// setup script and other artifacts, logging configuration, the account privileges it requests
// and the references it needs. The Engine works with this model; ManifestParser.swift reads
// it from the YAML.

public struct ApplicationManifest: Sendable, Equatable {
    public struct Version: Sendable, Equatable {
        public var name: String?
        public var patch: Int?
        public var label: String?
        public var comment: String?
        public init(name: String? = nil, patch: Int? = nil, label: String? = nil, comment: String? = nil) {
            self.name = name
            self.patch = patch
            self.label = label
            self.comment = comment
        }
    }

    /// A privilege the app requests on the consumer's account (`EXECUTE TASK`, `CREATE DATABASE`…).
    public struct Privilege: Sendable, Equatable {
        public var name: String
        public var description: String
        public init(name: String, description: String) {
            self.name = name
            self.description = description
        }
    }

    /// An object the consumer binds to the app later (`warehouse_reference`…).
    public struct Reference: Sendable, Equatable {
        public var name: String
        public var label: String
        public var description: String
        public var privileges: [String]
        /// Canonical, with blanks: `EXTERNAL ACCESS INTEGRATION`, `WAREHOUSE`, `SECRET`…
        public var objectType: String
        public var multiValued: Bool
        public var registerCallback: String
        public var configurationCallback: String?
        public var requiredAtSetup: Bool
        public init(name: String, label: String, description: String, privileges: [String], objectType: String,
                    multiValued: Bool, registerCallback: String, configurationCallback: String?, requiredAtSetup: Bool) {
            self.name = name
            self.label = label
            self.description = description
            self.privileges = privileges
            self.objectType = objectType
            self.multiValued = multiValued
            self.registerCallback = registerCallback
            self.configurationCallback = configurationCallback
            self.requiredAtSetup = requiredAtSetup
        }
    }

    /// Reference object types and the privileges each may carry (spec §5.8).
    public static let referencePrivileges: [String: Set<String>] = [
        "TABLE": ["SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES"],
        "VIEW": ["SELECT", "REFERENCES"],
        "EXTERNAL TABLE": ["SELECT", "REFERENCES"],
        "FUNCTION": ["USAGE"],
        "PROCEDURE": ["USAGE"],
        "WAREHOUSE": ["MODIFY", "MONITOR", "USAGE", "OPERATE"],
        "API INTEGRATION": ["USAGE"],
        "EXTERNAL ACCESS INTEGRATION": ["USAGE"],
        "SECRET": ["USAGE", "READ"],
    ]

    public var manifestVersion: Int
    public var version: Version?
    /// Path of the setup script relative to the manifest (default `setup.sql`).
    public var setupScript: String
    public var readme: String?
    /// `schema.name` of the Streamlit shown by default.
    public var defaultStreamlit: String?
    public var extensionCode: Bool
    /// Upper-cased: TRACE, DEBUG, INFO, WARN, ERROR, FATAL or OFF; nil when not set (the app logs nothing).
    public var logLevel: String?
    public var traceLevel: String?
    public var metricLevel: String?
    public var privileges: [Privilege]
    public var references: [Reference]
    /// `lifecycle_callbacks:` — callback name (`version_initializer`…) → `schema.procedure` (LifecycleCallbacks.swift).
    public var lifecycleCallbacks: [String: String] = [:]

    public init(manifestVersion: Int, version: Version? = nil, setupScript: String = "setup.sql", readme: String? = nil,
                defaultStreamlit: String? = nil, extensionCode: Bool = false, logLevel: String? = nil, traceLevel: String? = nil,
                metricLevel: String? = nil, privileges: [Privilege] = [], references: [Reference] = []) {
        self.manifestVersion = manifestVersion
        self.version = version
        self.setupScript = setupScript
        self.readme = readme
        self.defaultStreamlit = defaultStreamlit
        self.extensionCode = extensionCode
        self.logLevel = logLevel
        self.traceLevel = traceLevel
        self.metricLevel = metricLevel
        self.privileges = privileges
        self.references = references
    }
}
