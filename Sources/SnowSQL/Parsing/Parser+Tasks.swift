// Parser+Tasks: CREATE TASK, ALTER TASK, EXECUTE TASK, DROP TASK and SHOW TASKS (spec §8); they
// print in SQLPrinter+Tasks.swift. The dispatchers in Parser+Statements.swift and Parser+DDL.swift
// look ahead for `TASK` / `TASKS`. Properties come in any order and any case, each at most once (a
// repeated or unknown property is a syntax error at its name); AFTER and WHEN come last, before AS.
// The body is any one statement — a query, DML, CALL or a Scripting block — kept with its text.
//   CREATE [OR REPLACE] TASK [IF NOT EXISTS] name
//     [WAREHOUSE = wh | reference('…')] [SCHEDULE = '…'] [<property> = value]…
//     [AFTER t1 [, t2 …]] [WHEN <condition>] AS <statement>
//   ALTER TASK [IF EXISTS] name RESUME | SUSPEND | SET … | UNSET p[, …] | ADD AFTER t[, …] | REMOVE AFTER t[, …]
//     | MODIFY AS <statement> | MODIFY WHEN <condition>
//   EXECUTE TASK name
//   DROP TASK [IF EXISTS] name
//   SHOW [TERSE] TASKS [LIKE '…'] [IN ACCOUNT | DATABASE [d] | SCHEMA [s] | name] [STARTS WITH '…'] [LIMIT n]
//   DESC[RIBE] TASK name
// https://docs.snowflake.com/en/sql-reference/sql/create-task, …/alter-task, …/execute-task, …/show-tasks

extension Parser {
    /// The properties CREATE TASK and ALTER TASK … SET take besides WAREHOUSE.
    static let taskProperties: Set<String> = [
        "SCHEDULE", "USER_TASK_MANAGED_INITIAL_WAREHOUSE_SIZE", "ALLOW_OVERLAPPING_EXECUTION", "OVERLAP_POLICY",
        "SUSPEND_TASK_AFTER_NUM_FAILURES", "USER_TASK_TIMEOUT_MS", "TASK_AUTO_RETRY_ATTEMPTS", "COMMENT", "CONFIG",
        "ERROR_INTEGRATION", "SUCCESS_INTEGRATION", "LOG_LEVEL", "TRACE_LEVEL", "USER_TASK_MINIMUM_TRIGGER_INTERVAL_IN_SECONDS",
        "TARGET_COMPLETION_INTERVAL", "FINALIZE", "TIMEZONE", "QUERY_TAG",
    ]

    /// At `SHOW [TERSE] TASKS`.
    var atShowTasks: Bool { peek().isWord("TASKS") || (peek().isWord("TERSE") && peek(2).isWord("TASKS")) }

    /// CREATE … TASK — from `TASK`.
    mutating func parseCreateTask(_ modifiers: CreateModifiers) throws(SyntaxError) -> Statement {
        try expect("TASK")
        var modifiers = modifiers
        modifiers.ifNotExists = match("IF", "NOT", "EXISTS")
        let name = try parseObjectName()
        let (warehouse, properties) = try parseTaskProperties()
        var after: [ObjectName] = []
        if match("AFTER") { after = try parseTaskNames() }
        var condition: Expression?
        var conditionText = SourceText("")
        if match("WHEN") { (condition, conditionText) = try parseTaskCondition() }
        try expect("AS")
        let (body, bodyText) = try parseTaskBody()
        return .task(.create(CreateTask(modifiers: modifiers, name: name, warehouse: warehouse, properties: properties,
                                        after: after, condition: condition, conditionText: conditionText,
                                        body: body, bodyText: bodyText)))
    }

    /// `WAREHOUSE = …` and the other properties, any order, each at most once.
    private mutating func parseTaskProperties() throws(SyntaxError) -> (TaskWarehouse?, [Property]) {
        var warehouse: TaskWarehouse?
        var properties: [Property] = []
        var seen = Set<String>()
        while current.kind == .word {
            let word = current.text.uppercased()
            guard word == "WAREHOUSE" || Parser.taskProperties.contains(word) else { break }
            guard !seen.contains(word) else { throw unexpected() }
            seen.insert(word)
            advance()
            try expectSymbol("=")
            if word == "WAREHOUSE" {
                if check("REFERENCE") && peek().isSymbol("(") {
                    advance(); advance()
                    warehouse = .reference(try parseStringLiteral())
                    try expectSymbol(")")
                } else {
                    warehouse = .name(try parseObjectName())
                }
            } else {
                properties.append(Property(name: word, value: try parsePropertyValue()))
            }
        }
        return (warehouse, properties)
    }

    private mutating func parseTaskCondition() throws(SyntaxError) -> (Expression, SourceText) {
        let start = current.start
        let condition = try parseExpression()
        return (condition, SourceText(text(from: start, to: previousEnd)))
    }

    private mutating func parseTaskBody() throws(SyntaxError) -> (Statement, SourceText) {
        let start = current.start
        let body = try parseStatement()
        return (body, SourceText(text(from: start, to: previousEnd)))
    }

    /// ALTER TASK [IF EXISTS] name RESUME | SUSPEND | SET … | UNSET … | ADD AFTER … | REMOVE AFTER … | MODIFY AS … | MODIFY WHEN …
    mutating func parseAlterTask() throws(SyntaxError) -> Statement {
        try expect("ALTER")
        try expect("TASK")
        let ifExists = match("IF", "EXISTS")
        let name = try parseObjectName()
        let action: AlterTaskAction
        if match("RESUME") { action = .resume }
        else if match("SUSPEND") { action = .suspend }
        else if match("SET") {
            let (warehouse, properties) = try parseTaskProperties()
            guard warehouse != nil || !properties.isEmpty else { throw unexpected() }
            action = .set(warehouse: warehouse, properties: properties)
        } else if match("UNSET") {
            var names: [String] = []
            repeat {
                guard current.kind == .word,
                      current.text.uppercased() == "WAREHOUSE" || Parser.taskProperties.contains(current.text.uppercased()) else {
                    throw unexpected()
                }
                names.append(advance().text.uppercased())
            } while matchSymbol(",")
            action = .unset(names)
        } else if match("ADD", "AFTER") {
            action = .addAfter(try parseTaskNames())
        } else if match("REMOVE", "AFTER") {
            action = .removeAfter(try parseTaskNames())
        } else if match("MODIFY", "AS") {
            let (body, text) = try parseTaskBody()
            action = .modifyAs(body, text: text)
        } else if match("MODIFY", "WHEN") {
            let (condition, text) = try parseTaskCondition()
            action = .modifyWhen(condition, text: text)
        } else {
            throw unexpected()
        }
        return .task(.alter(AlterTask(name: name, ifExists: ifExists, action: action)))
    }

    /// `t1 [, t2 …]`
    private mutating func parseTaskNames() throws(SyntaxError) -> [ObjectName] {
        var names: [ObjectName] = []
        repeat { names.append(try parseObjectName()) } while matchSymbol(",")
        return names
    }

    /// DESC[RIBE] TASK name — from `TASK`.
    mutating func parseDescribeTask() throws(SyntaxError) -> Statement {
        try expect("TASK")
        return .task(.describe(try parseObjectName()))
    }

    /// EXECUTE TASK name
    mutating func parseExecuteTask() throws(SyntaxError) -> Statement {
        try expect("EXECUTE")
        try expect("TASK")
        return .task(.execute(try parseObjectName()))
    }

    /// DROP TASK [IF EXISTS] name
    mutating func parseDropTask() throws(SyntaxError) -> Statement {
        try expect("DROP")
        try expect("TASK")
        let ifExists = match("IF", "EXISTS")
        return .task(.drop(try parseObjectName(), ifExists: ifExists))
    }

    /// SHOW [TERSE] TASKS [LIKE '…'] [IN …] [STARTS WITH '…'] [LIMIT n]
    mutating func parseShowTasks() throws(SyntaxError) -> Statement {
        try expect("SHOW")
        let terse = match("TERSE")
        try expect("TASKS")
        return .task(.show(terse: terse, try parseShowFilter()))
    }
}
