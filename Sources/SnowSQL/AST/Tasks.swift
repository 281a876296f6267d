// Tasks: the statements on Snowflake tasks (spec §8) — CREATE, ALTER (RESUME, SUSPEND, SET, UNSET,
// ADD AFTER, REMOVE AFTER, MODIFY AS, MODIFY WHEN), EXECUTE TASK, DROP, SHOW TASKS and DESC TASK — one `Statement.task` case holding
// what was written. Parsed by Parser+Tasks.swift, run by Engine/Executor+Tasks.swift and
// Engine/Session+Tasks.swift. Property values are kept as written: the engine decides what a bad
// SCHEDULE means. https://docs.snowflake.com/en/sql-reference/sql/create-task

public enum TaskStatement: Equatable, Sendable {
    case create(CreateTask)
    case alter(AlterTask)
    /// EXECUTE TASK name: one run now, even of a suspended task.
    case execute(ObjectName)
    /// DROP TASK [IF EXISTS] name
    case drop(ObjectName, ifExists: Bool)
    /// SHOW [TERSE] TASKS [LIKE '…'] [IN ACCOUNT | DATABASE [d] | SCHEMA [s]] [STARTS WITH '…'] [LIMIT n]
    case show(terse: Bool, ShowFilter)
    /// DESC[RIBE] TASK name: SHOW TASKS' columns for one task.
    case describe(ObjectName)
}

/// `WAREHOUSE = wh` or, inside apps, `WAREHOUSE = reference('ref')`.
public enum TaskWarehouse: Equatable, Sendable {
    case name(ObjectName)
    case reference(String)
}

/// CREATE [OR REPLACE] TASK [IF NOT EXISTS] name [WAREHOUSE = …] [SCHEDULE = '…'] [<property> = …]…
/// [AFTER t1, …] [WHEN <condition>] AS <statement>.
public struct CreateTask: Equatable, Sendable {
    public var modifiers: CreateModifiers
    public var name: ObjectName
    public var warehouse: TaskWarehouse?
    /// SCHEDULE, COMMENT, ALLOW_OVERLAPPING_EXECUTION, USER_TASK_TIMEOUT_MS…, upper-cased names, in written order.
    public var properties: [Property]
    public var after: [ObjectName]
    public var condition: Expression?
    /// The condition as written (SHOW TASKS' `condition`).
    public var conditionText: SourceText
    public var body: Statement
    /// The body as written (SHOW TASKS' `definition`, TASK_HISTORY's QUERY_TEXT); a run re-parses it.
    public var bodyText: SourceText

    public init(modifiers: CreateModifiers, name: ObjectName, warehouse: TaskWarehouse? = nil, properties: [Property] = [],
                after: [ObjectName] = [], condition: Expression? = nil, conditionText: SourceText = SourceText(""),
                body: Statement, bodyText: SourceText) {
        self.modifiers = modifiers
        self.name = name
        self.warehouse = warehouse
        self.properties = properties
        self.after = after
        self.condition = condition
        self.conditionText = conditionText
        self.body = body
        self.bodyText = bodyText
    }
}

/// ALTER TASK [IF EXISTS] name <action>.
public struct AlterTask: Equatable, Sendable {
    public var name: ObjectName
    public var ifExists: Bool
    public var action: AlterTaskAction
    public init(name: ObjectName, ifExists: Bool = false, action: AlterTaskAction) {
        self.name = name
        self.ifExists = ifExists
        self.action = action
    }
}

public enum AlterTaskAction: Equatable, Sendable {
    case resume
    case suspend
    /// SET [WAREHOUSE = …] [<property> = …]…
    case set(warehouse: TaskWarehouse?, properties: [Property])
    /// UNSET <property>[, …]
    case unset([String])
    /// ADD AFTER t1 [, t2 …]: more predecessors.
    case addAfter([ObjectName])
    /// REMOVE AFTER t1 [, t2 …]
    case removeAfter([ObjectName])
    case modifyAs(Statement, text: SourceText)
    case modifyWhen(Expression, text: SourceText)
}
