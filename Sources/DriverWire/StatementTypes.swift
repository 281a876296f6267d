// StatementTypes: the `statementTypeId` of an answer (driver-protocol.md §8), from the parsed
// statement. The clients read it to tell DML (whose rowcount is the sum of the `number of rows …`
// cells) from queries (rowcount = total), to find a multi-statement parent (0xA000) and file
// transfers (PUT 0x7101, GET 0x7102).

import SnowSQL

package enum StatementType {
    package static let unknown: Int64 = 0x0000
    package static let select: Int64 = 0x1000
    package static let insert: Int64 = 0x3100
    package static let update: Int64 = 0x3200
    package static let delete: Int64 = 0x3300
    package static let merge: Int64 = 0x3400
    /// INSERT ALL / INSERT FIRST (the JDBC driver's MULTI_INSERT).
    package static let multiTableInsert: Int64 = 0x3500
    /// COPY INTO <table> and COPY INTO <location> (the JDBC driver's SFStatementType COPY and UNLOAD).
    package static let copy: Int64 = 0x3600
    package static let unload: Int64 = 0x3700
    package static let scl: Int64 = 0x4000
    package static let alterSession: Int64 = 0x4100
    package static let use: Int64 = 0x4300
    package static let show: Int64 = 0x4400
    package static let describe: Int64 = 0x4500
    package static let tcl: Int64 = 0x5000
    package static let ddl: Int64 = 0x6000
    package static let put: Int64 = 0x7101
    package static let get: Int64 = 0x7102
    package static let multiStatement: Int64 = 0xA000

    /// The id of one statement.
    package static func id(of statement: Statement) -> Int64 {
        switch statement {
        case .query, .call, .block, .executeImmediate: return select
        case .insert: return insert
        case .update: return update
        case .delete: return delete
        case .merge: return merge
        case .multiTableInsert: return multiTableInsert
        case .loading(.copyIntoTable): return copy
        case .loading(.copyIntoLocation): return unload
        case .loading(.showFileFormats): return show
        case .loading(.describeFileFormat): return describe
        case .use: return use
        case .show, .showVariables, .showGrants, .showParameters, .list, .stream(.show), .function(.show), .hybridTable(.showIndexes),
             .hybridTable(.showHybridTables):
            return show
        case .describe, .stream(.describe), .function(.describe): return describe
        case .set, .unset: return scl
        case .alterParameters(let alter): return alter.target == .session ? alterSession : ddl
        case .begin, .commit, .rollback: return tcl
        case .put: return put
        case .get: return get
        case .createDatabase, .createSchema, .createTable, .createView, .createWarehouse, .createRole, .createSequence,
             .drop, .createProcedure, .dropProcedure, .alterProcedure, .createEventTable, .grant, .revoke, .grantRole,
             .revokeRole, .grantOwnership, .createUser, .createStage, .remove, .applicationPackage, .application,
             .externalAccess, .task, .stream, .function, .hybridTable, .loading:
            return ddl
        }
    }

    /// True for the statements whose rowcount the clients sum from the count columns.
    package static func isDML(_ id: Int64) -> Bool { (0x3000..<0x4000).contains(id) }
}
