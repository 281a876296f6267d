// Session: one user's connection to an account — current role, warehouse, database and schema,
// session variables, an open explicit transaction, the last query id. `openAccount(path:)` opens
// the account file sessions share; `execute(_:)` takes the text of one statement, as snowsql
// sends it, and returns its result or throws SnowflakeError.

import Foundation
import Security
import SnowSQL

public final class Session {
    public let store: AccountStore
    public let user: String
    /// The account name (CURRENT_ACCOUNT()).
    public let accountName: String
    /// When the running statement started: every SYSDATE() in one statement sees the same time.
    var statementTime = Date(timeIntervalSince1970: 0)
    public internal(set) var currentRole: String?
    public internal(set) var currentWarehouse: String?
    public internal(set) var currentDatabase: String?
    public internal(set) var currentSchema: String?
    /// Session variables by upper-cased name (`SET v = …`).
    public internal(set) var variables: [String: SessionVariable] = [:]
    /// The id of this session, shown by SHOW VARIABLES.
    public let sessionID: Int64
    /// The injected clock: tests fix it, the composition root passes the real one.
    public let clock: @Sendable () -> Date
    var queryCounter = 0
    public internal(set) var lastQueryID: String?
    /// Recent results by query id, read back by RESULT_SCAN (Translator+ResultScan.swift).
    var queryResults = QueryResultStore()
    /// The sequence values the running statement hands out (Translator+Sequences.swift).
    let sequenceValues = SequenceValues()
    /// The streams the running DML statement and the explicit transaction read (Session+StreamOffsets.swift).
    let streams = StreamSessionState()
    /// The privileges of the roles this session acts as, by role (Authorization.swift).
    var authorizers: [String: Authorizer] = [:]
    /// The grant stamp `authorizers` were loaded under (Authorization.swift).
    var authorizerStamp: Int64?
    /// Earlier query results this session may reuse (Session+ResultCache.swift).
    var resultCache = ResultCache()
    /// True between BEGIN and COMMIT/ROLLBACK.
    public internal(set) var inExplicitTransaction = false
    /// Swift implementations of procedures declared with a HANDLER.
    public var procedureRegistry = ProcedureRegistry()
    /// Runs Python procedures' own code (PythonProcedures.swift); nil where none is wired.
    public var pythonRuntime: (any PythonProcedureRuntime)?
    /// Session parameters (`ALTER SESSION SET LOG_LEVEL = …`).
    public internal(set) var parameters: [String: String] = [:]
    /// The procedures being called, innermost last, for the events they log.
    var executables: [Executable] = []
    /// Where the outermost statement running in this session began on the stack (Session+Stack).
    var stackTop: UInt?
    /// Events this session's statements logged and `flushEvents` has not yet written (EventLog.swift).
    var loggedEvents: [LogEvent] = []
    /// The variables a running script makes visible: `:name` in SQL, and bare names in its own
    /// expressions while `bareVariables` is set.
    var bindings: [String: SessionVariable] = [:]
    /// True while a setup script runs: session-level statements reuse its access (Session+Access).
    var insideSetupScript = false
    /// The RESULTSETs of the running script, read by `TABLE(rs)` in its SQL.
    var scriptResultSets: [String: ResultSet] = [:]
    var bareVariables = false
    /// The application whose setup script is running (Executor+Applications.swift).
    var runningApplication: RunningApplication?
    /// The strings SYSTEM$REFERENCE handed out in this session (ApplicationReferences.swift).
    let issuedReferences = IssuedReferences()
    /// The task run this session is executing (Session+Tasks.swift).
    var taskRun: TaskRunContext?
    /// What a procedure's SQL texts parsed to (ProcedureContext.sql): a connector sends the same
    /// few texts for every page it ingests. Emptied past 64 texts.
    var parsedProcedureStatements: [String: SnowSQL.Statement] = [:]
    /// Whether queries read and teach tables' sub-columns (SubColumns/); the differential tests
    /// turn it off in one of two sessions and compare every answer.
    var usesSubColumns = true
    /// Set by a scheduler to stop the runs this session executes.
    public var taskRunControl: TaskRunControl?
    /// Who this session is when it claims task runs (sl_task_run.claimed_by).
    public lazy var taskRunClaimer = "session-\(sessionID)"
    /// Runs what EXECUTE TASK queues outside the statement; the composition root plugs one in.
    public var taskRunDispatcher: (any TaskRunDispatcher)?
    /// Stops the running statement at its time limit or on cancellation (StatementWatch.swift).
    let statementWatch: StatementWatch
    /// How deep the running statement is nested (a procedure's statements run inside its CALL).
    var statementDepth = 0
    /// The user's, account's and warehouse's statement timeouts as last read (Session+StatementTimeout.swift).
    var storedStatementTimeouts: StoredStatementTimeouts?
    /// How many owner's-rights procedure calls this session has made (Session+Rights.swift).
    var ownersRightsCalls = 0
    /// Marks this session's temporary tables and stages in the catalog (Session+TemporaryObjects.swift):
    /// unique to this Session object, where two sessions may share an id.
    let temporaryScope = UUID().uuidString
    /// Whether the processes that created temporary objects still run: the system's, or a test's.
    public var processes: any ProcessTable = SystemProcessTable()

    public init(store: AccountStore, user: String, account: String = "SNOWLITE", clock: @escaping @Sendable () -> Date = { Date() },
                sessionID: Int64 = Int64.random(in: 1_000_000_000...9_999_999_999)) {
        self.store = store
        self.user = user.uppercased()
        self.accountName = account.uppercased()
        self.clock = clock
        self.sessionID = sessionID
        statementWatch = StatementWatch { [queue = store.queue] in queue.interrupt() }
    }

    /// Opens an account file with Snowlite's SQL functions on its connection.
    public static func openAccount(path: String) throws -> AccountStore {
        try AccountStore(path: path) { db, events in SQLFunctions.install(in: db, events: events) }
    }
}

/// A session variable: its value and the type of the expression that produced it.
public struct SessionVariable: Sendable, Equatable {
    public var value: Value
    public var type: SnowflakeType
    public var createdOn: Date
    public var updatedOn: Date

    public init(value: Value, type: SnowflakeType, createdOn: Date, updatedOn: Date) {
        self.value = value
        self.type = type
        self.createdOn = createdOn
        self.updatedOn = updatedOn
    }
}
