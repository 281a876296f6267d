// DeclarativeManifest: the manifest.yml of a declarative (TYPE = DATA) application package, read
// with Yams — `roles` (names, each with an optional comment), `shared_content.databases` (database
// → schemas → tables and views, each with the app roles that may read it) and
// `shared_content.required_databases` (databases the shared views read without sharing them). The
// rules the manifest reference states are checked here: at least one table or view per schema, an
// object's roles defined at the top and among its schema's roles. What Snowlite cannot share is
// refused by name: semantic views, functions, procedures and Cortex Agents (shared by copy),
// `application_content` (workspaces and notebooks, which need Snowsight).
// https://docs.snowflake.com/en/developer-guide/declarative-sharing/manifest-reference

import Yams

struct DeclarativeManifest: Equatable {
    struct Role: Equatable {
        var name: String
        var comment: String?
    }

    /// A shared table or view and the app roles that may read it (none: the app's owner only).
    struct Object: Equatable {
        var name: String
        var kind: CatalogKind
        var roles: [String]
    }

    struct Schema: Equatable {
        var database: String
        var name: String
        var roles: [String]
        var objects: [Object]
    }

    var roles: [Role] = []
    var schemas: [Schema] = []
    var requiredDatabases: [String] = []

    /// The databases whose content is shared, in manifest order.
    var databases: [String] {
        var seen: [String] = []
        for schema in schemas where !seen.contains(schema.database) { seen.append(schema.database) }
        return seen
    }

    static let unsupportedKinds = ["semantic_views", "functions", "procedures", "cortex_agents"]

    /// Reads and checks the manifest text; names are folded as unquoted identifiers are.
    static func read(_ text: String) throws -> DeclarativeManifest {
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: text)
        } catch {
            throw SnowflakeError.invalidManifest("the manifest file is not valid YAML: \(ManifestParser.firstLine(of: error))")
        }
        guard let root = loaded as? [String: Any] else { throw SnowflakeError.invalidManifest("the manifest must be a YAML mapping") }
        // Snowflake writes `manifest_version: 2` into a released version's manifest; a manifest
        // downloaded with it reads again, any other value is refused.
        if let raw = root["manifest_version"], ManifestParser.integer(raw) != 2 {
            throw SnowflakeError.invalidManifest("Invalid value '\(ManifestParser.text(raw) ?? "")' provided for 'manifest_version'")
        }
        if root["application_content"] != nil {
            throw SnowflakeError.unsupported(
                "application_content (workspaces and notebooks) in a declarative package; Snowlite shares tables and views")
        }
        var manifest = DeclarativeManifest()
        for item in root["roles"] as? [Any] ?? [] {
            if let name = item as? String {
                manifest.roles.append(Role(name: name.uppercased()))
            } else if let map = item as? [String: Any], map.count == 1, let (name, body) = map.first {
                manifest.roles.append(Role(name: name.uppercased(), comment: ManifestParser.text((body as? [String: Any])?["comment"])))
            } else {
                throw SnowflakeError.invalidManifest("Each entry of 'roles' must be a name or a single-key mapping")
            }
        }
        guard let shared = root["shared_content"] as? [String: Any] else {
            throw SnowflakeError.invalidManifest("The manifest field 'shared_content' is required.")
        }
        manifest.requiredDatabases = (shared["required_databases"] as? [Any] ?? []).compactMap(ManifestParser.text).map { $0.uppercased() }
        let databases = try ManifestParser.entries(shared["databases"], field: "shared_content.databases")
        guard !databases.isEmpty else { throw SnowflakeError.invalidManifest("The manifest field 'shared_content.databases' is required.") }
        for (database, body) in databases {
            for (schema, schemaBody) in try ManifestParser.entries(body["schemas"], field: "shared_content.databases.\(database).schemas") {
                manifest.schemas.append(try manifest.schema(database.uppercased(), schema.uppercased(), schemaBody))
            }
        }
        return manifest
    }

    private func schema(_ database: String, _ name: String, _ body: [String: Any]) throws -> Schema {
        let field = "shared_content.databases.\(database).schemas.\(name)"
        for kind in DeclarativeManifest.unsupportedKinds where body[kind] != nil {
            throw SnowflakeError.unsupported("\(kind) in '\(field)' (shared by copy); Snowlite shares tables and views")
        }
        let roles = try declaredRoles(body["roles"], field: field)
        var objects: [Object] = []
        for (key, kind) in [("tables", CatalogKind.table), ("views", CatalogKind.view)] {
            for (written, objectBody) in try ManifestParser.entries(body[key], field: "\(field).\(key)") {
                let object = written.uppercased()
                // Without `roles` an object has its schema's (app roles are inherited); `roles: []` is the owner's only.
                let objectRoles = objectBody["roles"] == nil ? roles : try declaredRoles(objectBody["roles"], field: "\(field).\(key).\(object)")
                if let stray = objectRoles.first(where: { !roles.contains($0) }) {
                    throw SnowflakeError.invalidManifest("The role '\(stray)' of '\(field).\(key).\(object)' is not among the roles of its schema.")
                }
                objects.append(Object(name: object, kind: kind, roles: objectRoles))
            }
        }
        guard !objects.isEmpty else { throw SnowflakeError.invalidManifest("'\(field)' must share at least one table or view.") }
        return Schema(database: database, name: name, roles: roles, objects: objects)
    }

    /// `roles: [A, B]`, each defined in the top-level `roles`.
    private func declaredRoles(_ value: Any?, field: String) throws -> [String] {
        let names = (value as? [Any] ?? []).compactMap(ManifestParser.text).map { $0.uppercased() }
        if let undefined = names.first(where: { name in !roles.contains { $0.name == name } }) {
            throw SnowflakeError.invalidManifest("The role '\(undefined)' in '\(field).roles' is not defined in 'roles'.")
        }
        return names
    }
}
