// ManifestParser: manifest.yml (spec §5.3) into an ApplicationManifest, with the checks Snowflake
// makes when a version is added — a manifest_version, known configuration levels, requestable
// privileges, reference object types and their privileges, callbacks — and Snowflake's wording
// where it is known (`Invalid value 'DATABASE' provided for 'object_type'`). Both spellings of
// the Streamlit key (`default_streamlit`, `default_streamlit_app`) and of object types
// (`EXTERNAL ACCESS INTEGRATION`, `EXTERNAL_ACCESS_INTEGRATION`) are accepted.

import Yams

public struct ManifestParser: Sendable {
    public init() {}

    /// Privileges an app may request on the consumer's account (spec §5.7).
    static let requestablePrivileges: Set<String> = [
        "BIND SERVICE ENDPOINT", "CREATE COMPUTE POOL", "CREATE DATABASE", "CREATE WAREHOUSE", "EXECUTE ALERT",
        "EXECUTE TASK", "EXECUTE MANAGED TASK", "IMPORTED PRIVILEGES ON SNOWFLAKE DB", "MANAGE WAREHOUSES", "READ SESSION",
        "CREATE EXTERNAL ACCESS INTEGRATION", "MANAGE EVENT SHARING",
    ]

    static let logLevels: Set<String> = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OFF"]
    static let traceLevels: Set<String> = ["OFF", "ON_EVENT", "ALWAYS"]
    static let metricLevels: Set<String> = ["NONE", "ALL"]

    public func read(_ text: String) throws -> ApplicationManifest {
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: text)
        } catch {
            throw SnowflakeError.invalidManifest("the manifest file is not valid YAML: \(ManifestParser.firstLine(of: error))")
        }
        guard let root = loaded as? [String: Any] else { throw SnowflakeError.invalidManifest("the manifest must be a YAML mapping") }
        let artifacts = root["artifacts"] as? [String: Any] ?? [:]
        let streamlitKey = artifacts["default_streamlit"] != nil ? "default_streamlit" : "default_streamlit_app"

        guard let manifestVersion = ManifestParser.integer(root["manifest_version"]) else {
            if artifacts[streamlitKey] != nil {
                throw SnowflakeError.invalidManifest("The manifest field 'artifacts.\(streamlitKey)' is not valid for the given manifest_version: 0")
            }
            throw SnowflakeError.invalidManifest("The manifest field 'manifest_version' is required.")
        }
        guard manifestVersion == 1 || manifestVersion == 2 else {
            throw SnowflakeError.invalidManifest("Invalid value '\(manifestVersion)' provided for 'manifest_version'")
        }
        var manifest = ApplicationManifest(manifestVersion: manifestVersion)
        if let version = root["version"] as? [String: Any] {
            manifest.version = ApplicationManifest.Version(name: ManifestParser.text(version["name"]),
                                                           patch: ManifestParser.integer(version["patch"]),
                                                           label: ManifestParser.text(version["label"]),
                                                           comment: ManifestParser.text(version["comment"]))
        }
        if let script = ManifestParser.text(artifacts["setup_script"]) {
            guard !script.isEmpty, script.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_./-".contains($0)) }) else {
                throw SnowflakeError.invalidManifest("Invalid value '\(script)' provided for 'artifacts.setup_script'")
            }
            manifest.setupScript = script
        }
        manifest.readme = ManifestParser.text(artifacts["readme"])
        manifest.defaultStreamlit = ManifestParser.text(artifacts[streamlitKey])
        manifest.extensionCode = ManifestParser.boolean(artifacts["extension_code"]) ?? false

        let configuration = root["configuration"] as? [String: Any] ?? [:]
        manifest.logLevel = try ManifestParser.level(configuration["log_level"], "configuration.log_level", ManifestParser.logLevels)
        manifest.traceLevel = try ManifestParser.level(configuration["trace_level"], "configuration.trace_level", ManifestParser.traceLevels)
        manifest.metricLevel = try ManifestParser.level(configuration["metric_level"], "configuration.metric_level", ManifestParser.metricLevels)

        for (name, body) in try ManifestParser.entries(root["privileges"], field: "privileges") {
            let privilege = name.uppercased()
            guard ManifestParser.requestablePrivileges.contains(privilege) else {
                throw SnowflakeError.invalidManifest("Invalid value '\(name)' provided for 'privileges'")
            }
            manifest.privileges.append(ApplicationManifest.Privilege(name: privilege, description: ManifestParser.text(body["description"]) ?? ""))
        }
        for (name, body) in try ManifestParser.entries(root["references"], field: "references") {
            manifest.references.append(try ManifestParser.reference(name, body))
        }
        manifest.lifecycleCallbacks = try ManifestParser.lifecycleCallbacks(root["lifecycle_callbacks"])
        return manifest
    }

    static func reference(_ name: String, _ body: [String: Any]) throws -> ApplicationManifest.Reference {
        let rawType = text(body["object_type"]) ?? ""
        let objectType = rawType.uppercased().replacingOccurrences(of: "_", with: " ")
        guard let allowed = ApplicationManifest.referencePrivileges[objectType] else {
            throw SnowflakeError.invalidManifest("Invalid value '\(rawType)' provided for 'object_type'")
        }
        var privileges: [String] = []
        if let list = body["privileges"] as? [Any] {
            privileges = list.compactMap { text($0)?.uppercased() }
        } else if let single = text(body["privileges"]) {
            privileges = [single.uppercased()]
        }
        for privilege in privileges where !allowed.contains(privilege) {
            throw SnowflakeError.invalidManifest("Invalid value '\(privilege)' provided for 'privileges' of reference '\(name)'")
        }
        guard let register = text(body["register_callback"]) else {
            throw SnowflakeError.invalidManifest("The manifest field 'references.\(name).register_callback' is required.")
        }
        let configuration = text(body["configuration_callback"])
        if configuration == nil && (objectType == "EXTERNAL ACCESS INTEGRATION" || objectType == "SECRET") {
            throw SnowflakeError.invalidManifest("The manifest field 'references.\(name).configuration_callback' is required for object type \(objectType).")
        }
        return ApplicationManifest.Reference(name: name, label: text(body["label"]) ?? name, description: text(body["description"]) ?? "",
                                             privileges: privileges, objectType: objectType,
                                             multiValued: boolean(body["multi_valued"]) ?? false, registerCallback: register,
                                             configurationCallback: configuration,
                                             requiredAtSetup: boolean(body["required_at_setup"]) ?? false)
    }

    /// A list of single-key maps (`- EXECUTE TASK: {description: …}`) as (key, body) pairs.
    static func entries(_ value: Any?, field: String) throws -> [(String, [String: Any])] {
        guard let value else { return [] }
        guard let list = value as? [Any] else { throw SnowflakeError.invalidManifest("The manifest field '\(field)' must be a list") }
        return try list.map { item in
            guard let map = item as? [String: Any], map.count == 1, let (key, body) = map.first else {
                throw SnowflakeError.invalidManifest("Each entry of '\(field)' must be a single-key mapping")
            }
            return (key, body as? [String: Any] ?? [:])
        }
    }

    static func level(_ value: Any?, _ field: String, _ allowed: Set<String>) throws -> String? {
        guard let raw = text(value) else { return nil }
        let upper = raw.uppercased()
        guard allowed.contains(upper) else { throw SnowflakeError.invalidManifest("Invalid value '\(raw)' provided for '\(field)'") }
        return upper
    }

    static func text(_ value: Any?) -> String? {
        switch value {
        case let s as String: return s
        case let i as Int: return String(i)
        case let d as Double: return String(d)
        case let b as Bool: return b ? "true" : "false"
        default: return nil
        }
    }

    static func integer(_ value: Any?) -> Int? {
        switch value {
        case let i as Int: return i
        case let s as String: return Int(s)
        default: return nil
        }
    }

    static func boolean(_ value: Any?) -> Bool? {
        switch value {
        case let b as Bool: return b
        case let s as String: return ["true", "yes", "on"].contains(s.lowercased()) ? true : (["false", "no", "off"].contains(s.lowercased()) ? false : nil)
        default: return nil
        }
    }

    static func firstLine(of error: Error) -> String {
        String(describing: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
    }
}
