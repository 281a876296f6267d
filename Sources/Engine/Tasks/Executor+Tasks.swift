// Executor+Tasks: CREATE TASK, ALTER TASK, DROP TASK, SHOW TASKS and DESC TASK (spec §8), inside
// the statement's transaction; graph edges (AFTER, ADD/REMOVE AFTER) are in Executor+TaskGraphs. A task is a schema object (sl_object, kind TASK): its body text is the
// record's definition, everything else its properties, including `state` (`started` |
// `suspended`) and, while started with a schedule, `next_scheduled_time`; that next run is also a
// SCHEDULED row of sl_task_run, which TASK_HISTORY shows. Runs themselves (EXECUTE TASK, the
// scheduler) go through the session (Session+Tasks.swift) and the run queue (Catalog+TaskRuns.swift).
//
// Privileges: CREATE TASK on the schema and USAGE on the warehouse to create; OWNERSHIP to drop,
// replace, SET, UNSET or MODIFY; OWNERSHIP or OPERATE to RESUME, SUSPEND or EXECUTE; and to resume
// or run, the owner role must hold EXECUTE TASK on the account (else 091089).
//
// Wording chosen where Snowflake's is not known [?]: `Cannot specify both WAREHOUSE and
// USER_TASK_MANAGED_INITIAL_WAREHOUSE_SIZE.`, `A task with predecessors (AFTER) cannot have a
// SCHEDULE.`, invalid values `invalid value [V] for parameter 'P'` as elsewhere.
// https://docs.snowflake.com/en/sql-reference/sql/create-task, …/alter-task, …/show-tasks

import Foundation
import GRDB
import Security
import SnowSQL

extension Executor {
    func task(_ statement: TaskStatement) throws -> ResultSet {
        switch statement {
        case .create(let create): return try createTask(create)
        case .alter(let alter): return try alterTask(alter)
        case .drop(let name, let ifExists): return try dropTask(name, ifExists: ifExists)
        case .show(let terse, let filter): return try showTasks(terse: terse, filter)
        case .describe(let name): return try describeTask(name)
        case .execute:
            // Session.runStatement runs EXECUTE TASK at the session level.
            throw SnowflakeError.unsupported("EXECUTE TASK inside a statement")
        }
    }

    // MARK: - CREATE

    func createTask(_ create: CreateTask) throws -> ResultSet {
        try Executor.checkModifiers(create.modifiers)
        let name = try newObjectName(create.name, kind: .task)
        try access.requireCreate(.task, database: name.database, schema: name.schema)
        // [?: wording chosen] Versioned schemas hold stateless objects only (spec §5.5).
        if try isVersionedSchema(database: name.database, schema: name.schema) {
            throw SnowflakeError.compilationError("Tasks cannot be created in versioned schema '\(name.database).\(name.schema)'.")
        }
        var properties: [String: String] = ["state": "suspended", "allow_overlapping_execution": "false",
                                            "id": Executor.taskID(name, now)]
        if let warehouse = create.warehouse { properties["warehouse"] = try taskWarehouse(warehouse) }
        var comment: String?
        for property in create.properties {
            if property.name == "COMMENT" {
                comment = property.value.stringValue
            } else {
                properties[property.name.lowercased()] = try Executor.taskPropertyValue(property)
            }
        }
        if properties["warehouse"] != nil && properties["user_task_managed_initial_warehouse_size"] != nil {
            throw SnowflakeError.compilationError("Cannot specify both WAREHOUSE and USER_TASK_MANAGED_INITIAL_WAREHOUSE_SIZE.")
        }
        if !create.after.isEmpty {
            if properties["schedule"] != nil {
                throw SnowflakeError.compilationError("A task with predecessors (AFTER) cannot have a SCHEDULE.")
            }
            let predecessors = try create.after.map { try predecessorName($0, of: name) }
            try requireSuspendedRoots(of: predecessors)
            properties["predecessors"] = Catalog.encodeList(predecessors)
        }
        if !create.conditionText.text.isEmpty { properties["condition"] = create.conditionText.text }
        let existing = try catalog.object(database: name.database, schema: name.schema, name: name.name, kinds: [.task])
        if let done = try prepareCreate(existing: existing, name: name, modifiers: create.modifiers, drop: { existing in
            // A child of a graph is replaced only while its root is suspended; a standalone task
            // or a root may be replaced while started (its scheduled run is withdrawn).
            if existing.hasPredecessors { try requireSuspendedRoots(of: [existing.qualifiedName]) }
            try catalog.dropObject(existing)
            try withdrawRuns(of: existing, everything: true)
        }) { return done }
        let record = ObjectRecord(database: name.database, schema: name.schema, name: name.name, kind: .task,
                                  owner: session.currentRole ?? "", comment: comment, createdOn: now, storageName: nil,
                                  definition: create.bodyText.text, properties: properties)
        try catalog.insertObject(record)
        try applyFutureGrants(to: record)
        return Executor.created("Task", name.name)
    }

    /// A plain warehouse that exists and on which the role holds USAGE, or inside an application
    /// `reference('…')`: the warehouse the consumer bound, used with the reference's USAGE. A
    /// reference must be bound before a task names it (spec §5.8).
    private func taskWarehouse(_ warehouse: TaskWarehouse) throws -> String {
        switch warehouse {
        case .reference(let ref):
            let binding = try session.boundReference(ref, objectTypes: ["WAREHOUSE"], catalog: catalog)
            guard let record = try catalog.accountObject(kind: .warehouse, name: binding.object.name) else {
                throw SnowflakeError.doesNotExist("Warehouse", binding.object.name)
            }
            guard binding.object.privileges.contains("USAGE") else {
                throw SnowflakeError.insufficientPrivileges("warehouse", record.name)
            }
            return record.name
        case .name(let written):
            let parts = try session.nameParts(written)
            let missing = SnowflakeError.doesNotExist("Warehouse", parts.joined(separator: "."))
            guard parts.count == 1, let record = try catalog.accountObject(kind: .warehouse, name: parts[0]) else { throw missing }
            try access.require(.usage, on: Authorization.securable(record), name: record.name, missing: missing)
            return record.name
        }
    }

    /// A property's stored text, checked: SCHEDULE parses, numbers are numbers, booleans booleans.
    static func taskPropertyValue(_ property: Property) throws -> String {
        let value = property.value
        switch property.name {
        case "SCHEDULE":
            guard case .string(let text) = value else { throw invalidValue(value.text, property.name) }
            _ = try TaskSchedule.parse(text)
            return text
        case "USER_TASK_TIMEOUT_MS", "SUSPEND_TASK_AFTER_NUM_FAILURES", "TASK_AUTO_RETRY_ATTEMPTS",
             "USER_TASK_MINIMUM_TRIGGER_INTERVAL_IN_SECONDS":
            guard case .number(let text) = value, let n = Int(text), n >= 0 else { throw invalidValue(value.text, property.name) }
            return String(n)
        case "ALLOW_OVERLAPPING_EXECUTION":
            guard ["TRUE", "FALSE"].contains(value.text) else { throw invalidValue(value.text, property.name) }
            return value.text.lowercased()
        default:
            return value.stringValue
        }
    }

    /// A predecessor named by AFTER: an existing task, resolved in the new task's schema.
    func predecessorName(_ written: ObjectName, of task: QualifiedName) throws -> String {
        let parts = try session.nameParts(written)
        let name = try session.qualify(parts, database: task.database, schema: task.schema, operation: "CREATE TASK")
        let missing = SnowflakeError.doesNotExist("Task", parts.joined(separator: "."))
        guard let record = try catalog.object(database: name.database, schema: name.schema, name: name.name,
                                              kinds: [.task]) else { throw missing }
        try access.require(nil, on: record, missing: missing)
        return record.qualifiedName
    }

    /// A stable-looking task id (SHOW TASKS' `id`).
    static func taskID(_ name: QualifiedName, _ createdOn: String) -> String {
        var hash: UInt64 = 1469598103934665603
        for byte in "\(name.database).\(name.schema).\(name.name)@\(createdOn)".utf8 { hash = (hash ^ UInt64(byte)) &* 1099511628211 }
        return String(format: "01%014llx", hash & 0x00FF_FFFF_FFFF_FFFF)
    }

    // MARK: - ALTER

    func alterTask(_ alter: AlterTask) throws -> ResultSet {
        guard var task = try visibleTask(alter.name) else {
            if alter.ifExists { return .success }
            throw SnowflakeError.doesNotExist("Task", try session.nameParts(alter.name).joined(separator: "."))
        }
        let access = try access
        let securable = Authorization.securable(task)
        switch alter.action {
        case .resume, .suspend:
            if !access.authorizer.owns(securable) { try access.require(.operate, on: securable, name: task.name, missing: SnowflakeError.doesNotExist("Task", task.name)) }
        default:
            try access.requireOwnership(securable, name: task.name)
        }
        switch alter.action {
        case .resume:
            try requireOwnerCanExecuteTasks(task)
            if !task.isStarted {
                task.markStarted()
                try catalog.updateObject(task)
                try scheduleNextRun(of: &task, after: session.statementTime)
            }
        case .suspend:
            if task.isStarted {
                task.markSuspended(at: now, reason: "USER_SUSPENDED")
                try catalog.updateObject(task)
                try withdrawRuns(of: task, everything: false)
            }
        case .set(let warehouse, let properties):
            if let warehouse { task.warehouse = try taskWarehouse(warehouse) }
            for property in properties {
                if property.name == "COMMENT" {
                    let text = property.value.stringValue
                    task.comment = text.isEmpty ? nil : text
                } else {
                    task.properties[property.name.lowercased()] = try Executor.taskPropertyValue(property)
                }
            }
            if task.schedule != nil && task.hasPredecessors {
                throw SnowflakeError.compilationError("A task with predecessors (AFTER) cannot have a SCHEDULE.")
            }
            try catalog.updateObject(task)
            if task.isStarted && properties.contains(where: { $0.name == "SCHEDULE" }) {
                try withdrawRuns(of: task, everything: false)
                try scheduleNextRun(of: &task, after: session.statementTime)
            }
        case .unset(let names):
            for name in names {
                if name == "COMMENT" { task.comment = nil } else { task.properties[name.lowercased()] = nil }
            }
            try catalog.updateObject(task)
            if names.contains("SCHEDULE") {
                task.nextScheduledTime = nil
                try catalog.updateObject(task)
                try withdrawRuns(of: task, everything: false)
            }
        case .addAfter(let names):
            try addPredecessors(names, to: &task)
        case .removeAfter(let names):
            try removePredecessors(names, from: &task)
        case .modifyAs(_, let text):
            try catalog.updateDefinition(of: task, to: text.text)
        case .modifyWhen(_, let text):
            task.condition = text.text
            try catalog.updateObject(task)
        }
        return .success
    }

    /// 091089 unless the task's owner role holds EXECUTE TASK on the account.
    func requireOwnerCanExecuteTasks(_ task: ObjectRecord) throws {
        let owner = try session.authorizer(db, role: task.owner.isEmpty ? nil : task.owner)
        guard owner.holds(.executeTask, on: .account) else { throw SnowflakeError.taskOwnerCannotExecute }
    }

    /// Sets a started task's next run from its schedule (none without one) and records it as a
    /// SCHEDULED run (Catalog+TaskRuns.swift).
    func scheduleNextRun(of task: inout ObjectRecord, after previous: Date) throws {
        try catalog.scheduleNextTaskRun(of: &task, after: previous)
    }

    /// Withdraws a task's scheduled runs; with `everything` (dropped or replaced) its queued runs too.
    func withdrawRuns(of task: ObjectRecord, everything: Bool) throws {
        try catalog.withdrawTaskRuns(of: task, everything: everything, at: session.statementTime)
    }

    /// The task a statement names, reachable and visible to the role; nil when it is not.
    func visibleTask(_ written: ObjectName) throws -> ObjectRecord? {
        let parts = try session.nameParts(written)
        let name = try session.qualify(parts, database: session.currentDatabase, schema: session.currentSchema, operation: "TASK")
        let access = try access
        guard let task = try catalog.object(database: name.database, schema: name.schema, name: name.name, kinds: [.task]),
              (try? access.requireReach(database: task.database, schema: task.schema, missing: .objectDoesNotExistOrCannotBePerformed)) != nil,
              access.canSee(task) else { return nil }
        return task
    }

    // MARK: - DROP

    func dropTask(_ written: ObjectName, ifExists: Bool) throws -> ResultSet {
        let parts = try session.nameParts(written)
        guard let task = try visibleTask(written) else {
            if ifExists { return Executor.alreadyDropped(parts.last ?? "") }
            throw SnowflakeError.doesNotExist("Task", parts.joined(separator: "."))
        }
        try access.requireOwnership(Authorization.securable(task), name: task.name)
        try catalog.dropObject(task)
        try withdrawRuns(of: task, everything: true)
        return Executor.dropped(task.name)
    }

    // MARK: - SHOW

    static let showTasksColumns = [
        "created_on", "name", "id", "database_name", "schema_name", "owner", "comment", "warehouse", "schedule",
        "scheduling_mode", "target_completion_interval", "predecessors", "state", "definition", "condition",
        "allow_overlapping_execution", "error_integration", "success_integration", "last_committed_on", "last_suspended_on",
        "owner_role_type", "config", "last_suspended_reason", "task_relations", "execute_as_user",
    ]

    /// SHOW [TERSE] TASKS: the tasks the role holds a privilege on (owner, MONITOR, OPERATE). TERSE
    /// keeps created_on, name, kind, database_name, schema_name, schedule [?].
    func showTasks(terse: Bool, _ filter: ShowFilter) throws -> ResultSet {
        let access = try access
        var rows: [[Value]] = []
        for (database, schema) in try schemasInScope(filter.scope) {
            for task in try catalog.objects(database: database, schema: schema, kinds: [.task]) where access.canSee(task) {
                if let like = filter.like, !Executor.matchesLike(task.name, like) { continue }
                if let startsWith = filter.startsWith, !task.name.hasPrefix(startsWith) { continue }
                if terse {
                    rows.append([.timestamp(task.createdOn), .string(task.name), .string("TASK"), .string(task.database),
                                 .string(task.schema), task.schedule.map(Value.string) ?? .null])
                } else {
                    rows.append(try Executor.showTasksRow(task))
                }
            }
        }
        if let limit = filter.limit { rows = Array(rows.prefix(limit)) }
        let names = terse ? ["created_on", "name", "kind", "database_name", "schema_name", "schedule"] : Executor.showTasksColumns
        return Executor.showTasksResult(names, rows)
    }

    /// DESC TASK: SHOW TASKS' columns for one task the role can see.
    func describeTask(_ written: ObjectName) throws -> ResultSet {
        guard let task = try visibleTask(written) else {
            throw SnowflakeError.doesNotExist("Task", try session.nameParts(written).joined(separator: "."))
        }
        return Executor.showTasksResult(Executor.showTasksColumns, [try Executor.showTasksRow(task)])
    }

    static func showTasksResult(_ names: [String], _ rows: [[Value]]) -> ResultSet {
        ResultSet(columns: names.map { name in
            ["created_on", "last_committed_on", "last_suspended_on"].contains(name) ? ResultColumn(name, .timestampLTZ)
                : ResultColumn(name, .string)
        }, rows: rows)
    }

    /// One task's SHOW TASKS row.
    static func showTasksRow(_ task: ObjectRecord) throws -> [Value] {
        let p = task.properties
        let text = { (key: String) -> Value in p[key].map(Value.string) ?? .null }
        let predecessors = try task.predecessors()
        let predecessorsJSON = Executor.jsonArray(predecessors)
        return [
            .timestamp(task.createdOn), .string(task.name), .string(task.taskID ?? ""), .string(task.database),
            .string(task.schema), .string(task.owner), .string(task.comment ?? ""), text("warehouse"), text("schedule"),
            .null, .null, .string(predecessorsJSON), .string(p["state"] ?? "suspended"), .string(task.definition ?? ""),
            text("condition"), .string(p["allow_overlapping_execution"] ?? "false"), text("error_integration"),
            text("success_integration"), p["last_committed_on"].map(Value.timestamp) ?? .null,
            p["last_suspended_on"].map(Value.timestamp) ?? .null, .string(task.owner.isEmpty ? "" : "ROLE"), text("config"),
            text("last_suspended_reason"), .string("{\"Predecessors\":\(predecessorsJSON)}"), .null,
        ]
    }

    /// `["A","B"]`, as SHOW TASKS prints predecessors.
    static func jsonArray(_ items: [String]) -> String {
        "[" + items.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }.joined(separator: ",") + "]"
    }
}

extension PropertyValue {
    /// A string property's text as written; other values as `text` gives them.
    var stringValue: String {
        if case .string(let s) = self { return s }
        return text
    }
}
