// HybridTable: what makes a table hybrid — its primary key, UNIQUE keys, foreign keys and secondary
// indexes — kept as JSON under the table's `hybrid` property in the catalog, so no migration is
// needed and the definition goes with the table. Each constraint has the index Snowflake builds
// for it, named as Snowflake names it (`SYS_INDEX_<TABLE>_PRIMARY`, `…_UNIQUE_<COLS>`,
// `…_FOREIGN_KEY_<COLS>_<PARENT>_<PARENT COLS>`): errors and SHOW INDEXES show those names.
// https://docs.snowflake.com/en/sql-reference/sql/create-hybrid-table, …/show-indexes

import Foundation

struct HybridTable: Codable, Equatable {
    /// The catalog property holding the definition (a table without it is a standard table).
    static let property = "hybrid"

    /// A foreign key: its columns, and the parent table's name, storage and key columns.
    struct ForeignKey: Codable, Equatable {
        var columns: [String]
        var parentDatabase: String
        var parentSchema: String
        var parentName: String
        var parentStorage: String
        var parentColumns: [String]
    }

    /// A secondary index (INDEX in CREATE HYBRID TABLE, or CREATE INDEX).
    struct Index: Codable, Equatable {
        var name: String
        var columns: [String]
        var include: [String]
        var createdOn: String
    }

    var primaryKey: [String]
    var uniqueKeys: [[String]]
    var foreignKeys: [ForeignKey]
    var indexes: [Index]

    /// The definition of a table, nil for a standard table (or one whose property does not decode).
    init?(of record: ObjectRecord) {
        guard let text = record.properties[HybridTable.property],
            let decoded = try? JSONDecoder().decode(HybridTable.self, from: Data(text.utf8))
        else { return nil }
        self = decoded
    }

    init(primaryKey: [String], uniqueKeys: [[String]], foreignKeys: [ForeignKey], indexes: [Index]) {
        self.primaryKey = primaryKey
        self.uniqueKeys = uniqueKeys
        self.foreignKeys = foreignKeys
        self.indexes = indexes
    }

    /// The definition as the catalog property's text.
    var stored: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    // MARK: - Snowflake's index names

    /// `SYS_INDEX_<TABLE>_PRIMARY`
    static func primaryKeyIndex(table: String) -> String { "SYS_INDEX_\(table)_PRIMARY" }

    /// `SYS_INDEX_<TABLE>_UNIQUE_<COL>_<COL>…`
    static func uniqueIndex(table: String, columns: [String]) -> String {
        "SYS_INDEX_\(table)_UNIQUE_" + columns.joined(separator: "_")
    }

    /// `SYS_INDEX_<TABLE>_FOREIGN_KEY_<COLS>_<PARENT>_<PARENT COLS>`, as in the docs'
    /// `SYS_INDEX_PLAYER_FOREIGN_KEY_TEAM_ID_TEAM_TEAM_ID`.
    static func foreignKeyIndex(table: String, _ key: ForeignKey) -> String {
        "SYS_INDEX_\(table)_FOREIGN_KEY_" + key.columns.joined(separator: "_") + "_" + key.parentName + "_"
            + key.parentColumns.joined(separator: "_")
    }

    /// One index of the table as SHOW INDEXES lists it.
    struct ListedIndex: Equatable {
        var name: String
        var isUnique: Bool
        var columns: [String]
        var include: [String]
        var createdOn: String
        /// Built for a constraint (DROP INDEX refuses it).
        var enforcesConstraint: Bool
    }

    /// Every index of the table `table` created on `createdOn`: the primary key's, the UNIQUE keys',
    /// the foreign keys', then the secondary indexes.
    func listedIndexes(table: String, createdOn: String) -> [ListedIndex] {
        var listed = [
            ListedIndex(
                name: HybridTable.primaryKeyIndex(table: table), isUnique: true, columns: primaryKey, include: [],
                createdOn: createdOn, enforcesConstraint: true)
        ]
        listed += uniqueKeys.map {
            ListedIndex(
                name: HybridTable.uniqueIndex(table: table, columns: $0), isUnique: true, columns: $0, include: [],
                createdOn: createdOn, enforcesConstraint: true)
        }
        listed += foreignKeys.map {
            ListedIndex(
                name: HybridTable.foreignKeyIndex(table: table, $0), isUnique: false, columns: $0.columns, include: [],
                createdOn: createdOn, enforcesConstraint: true)
        }
        listed += indexes.map {
            ListedIndex(
                name: $0.name, isUnique: false, columns: $0.columns, include: $0.include, createdOn: $0.createdOn,
                enforcesConstraint: false)
        }
        return listed
    }

    /// Whether a column of `type` may be in a key or an index: not semi-structured, geospatial,
    /// vector or TIMESTAMP_TZ (CREATE HYBRID TABLE's notes on INDEX).
    static func indexable(_ type: SnowflakeType) -> Bool {
        switch type {
        case .variant, .object, .array, .timestampTZ: return false
        default: return true
        }
    }
}
