// StatementKinds: how the session runs each kind of statement, decided in one place. Session
// switches on this once (Session+Execute.swift); the Executor's switch then picks the handler.
//
// - Session-level statements run outside any one transaction: a block, a CALL and EXECUTE
//   IMMEDIATE give each statement they run its own (as Snowflake does, they are not atomic), and
//   EXECUTE TASK only queues a run.
// - Transaction control (BEGIN, COMMIT, ROLLBACK) opens or ends the explicit transaction.
// - A read runs without a write lock, so it never waits on a writer in another process; of the
//   reads, only a query's result may be reused from the result cache (Session+ResultCache.swift).
// - A write runs in a write transaction (a savepoint inside BEGIN … COMMIT). DDL, GRANT and the
//   like first commit an open explicit transaction and run on their own, as Snowflake runs DDL
//   (https://docs.snowflake.com/en/sql-reference/transactions).

import SnowSQL

enum StatementKind: Equatable {
    case sessionLevel
    case transactionControl
    case read(cacheable: Bool)
    case write(commitsOpenTransaction: Bool)

    init(of statement: Statement) {
        switch statement {
        case .block, .call, .executeImmediate, .task(.execute):
            self = .sessionLevel
        case .begin, .commit, .rollback:
            self = .transactionControl
        case .query:
            self = .read(cacheable: true)
        case .set, .unset, .showVariables, .use, .show, .describe, .list, .get, .showGrants, .showParameters,
             .stream(.show), .stream(.describe), .function(.show), .function(.describe), .hybridTable(.showIndexes), .hybridTable(.showHybridTables),
             .loading(.showFileFormats), .loading(.describeFileFormat):
            self = .read(cacheable: false)
        case .createDatabase, .createSchema, .createTable, .createView, .createWarehouse, .createRole, .createSequence, .drop,
             .createStage, .grant, .revoke, .grantRole, .revokeRole, .grantOwnership, .createUser, .createProcedure,
             .dropProcedure, .alterProcedure, .createEventTable, .alterParameters, .stream, .function, .hybridTable,
             .loading(.createFileFormat), .loading(.alterFileFormat), .loading(.dropFileFormat):
            self = .write(commitsOpenTransaction: true)
        case .insert, .multiTableInsert, .update, .delete, .merge, .put, .remove, .applicationPackage, .application, .externalAccess, .task,
             .loading(.copyIntoTable), .loading(.copyIntoLocation):
            self = .write(commitsOpenTransaction: false)
        }
    }
}
