// Executor+References: the consumer's view of an application's references (spec §5.8).
// SHOW REFERENCES IN APPLICATION lists each reference the installed version's manifest declares,
// once per bound object (or once, unbound); ALTER APPLICATION … UNSET REFERENCES removes
// bindings: all of them, those of one reference, or one alias. Binding itself is the
// application's job, through its register callback (Translator+References.swift).
// https://docs.snowflake.com/en/sql-reference/sql/show-references

import Foundation
import GRDB
import SnowSQL

extension Executor {
    /// SHOW REFERENCES IN APPLICATION app (its owner only).
    func showReferences(_ written: ObjectName) throws -> ResultSet {
        let record = try visibleApplication(written)
        guard let reader = session.manifestReader else { throw SnowflakeError.internalError("no manifest reader is configured") }
        let manifest = try reader.read(record.properties["manifest"] ?? "")
        let bindings = try catalog.referenceBindings(application: record.name)
        var rows: [[Value]] = []
        for reference in manifest.references {
            let name = reference.name.uppercased()
            let declared: [Value] = [.string(name), .string(reference.label), .string(reference.description),
                                     .string(reference.privileges.map { $0.uppercased() }.joined(separator: ",")),
                                     .string(reference.objectType), .string(reference.multiValued ? "true" : "false")]
            let bound = bindings.filter { $0.name == name }
            if bound.isEmpty { rows.append(declared + [.null, .null, .null, .null]) }
            for binding in bound {
                let object = binding.object
                rows.append(declared + [.string(object.name), object.schema.map(Value.string) ?? .null,
                                        object.database.map(Value.string) ?? .null, .string(binding.alias)])
            }
        }
        let names = ["name", "label", "description", "privileges", "object_type", "multi-valued", "object_name", "schema_name",
                     "database_name", "alias"]
        return ResultSet(columns: names.map { ResultColumn($0, .string) }, rows: rows)
    }

    /// ALTER APPLICATION app UNSET REFERENCES [('ref' [, 'alias'])].
    func unsetReferences(of record: AccountObjectRecord, name: String?, alias: String?) throws -> ResultSet {
        var canonical: String?
        if let name {
            canonical = try session.referenceDefinition(name, application: record.name, catalog: catalog).name.uppercased()
        }
        try catalog.deleteReferenceBindings(application: record.name, name: canonical, alias: alias)
        return .success
    }
}
