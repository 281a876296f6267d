// Executor+TaskGraphs: the edges of task graphs (spec §8) — CREATE TASK … AFTER (checked in
// Executor+Tasks), ALTER TASK … ADD AFTER / REMOVE AFTER — and the graph functions
// SYSTEM$TASK_DEPENDENTS_ENABLE (resume a task and everything after it), SYSTEM$SET_RETURN_VALUE
// and SYSTEM$GET_PREDECESSOR_RETURN_VALUE (a run hands a value to its children). The graph's
// runs themselves are the run queue's (Catalog+TaskRuns.swift): a child runs once all its predecessors succeeded in the same
// graph run.
//
// As in Snowflake, a graph's edges change only while its root is suspended; a child has no
// SCHEDULE; the graph stays acyclic. Wording chosen where Snowflake's is not known [?]:
// `Unable to update graph with root task <R> since that root task is not suspended.`,
// `Adding predecessor <P> to task <T> would create a cycle.`, SYSTEM$TASK_DEPENDENTS_ENABLE returns
// `Statement executed successfully.`, and SYSTEM$SET_RETURN_VALUE outside a task run fails with
// `SYSTEM$SET_RETURN_VALUE can only be called from a task.`.
// https://docs.snowflake.com/en/user-guide/tasks-graphs, …/functions/system_task_dependents_enable,
// …/functions/system_set_return_value, …/functions/system_get_predecessor_return_value

import Foundation
import GRDB
import SnowSQL

extension Executor {
    // MARK: - Edges

    /// ALTER TASK … ADD AFTER: more predecessors, each an existing task; the graph stays acyclic.
    func addPredecessors(_ names: [ObjectName], to task: inout ObjectRecord) throws {
        guard task.schedule == nil else {
            throw SnowflakeError.compilationError("A task with predecessors (AFTER) cannot have a SCHEDULE.")
        }
        let qualified = QualifiedName(database: task.database, schema: task.schema, name: task.name, written: task.name)
        var predecessors = try task.predecessors()
        let added = try names.map { try predecessorName($0, of: qualified) }
        try requireSuspendedRoots(of: [task.qualifiedName] + added)
        for predecessor in added where !predecessors.contains(predecessor) {
            if try predecessor == task.qualifiedName || ancestors(of: predecessor).contains(task.qualifiedName) {
                throw SnowflakeError.compilationError("Adding predecessor \(predecessor) to task \(task.qualifiedName) would create a cycle.")
            }
            predecessors.append(predecessor)
        }
        task.setPredecessors(predecessors)
        try catalog.updateObject(task)
    }

    /// ALTER TASK … REMOVE AFTER: a task left without predecessors becomes a root of its own.
    func removePredecessors(_ names: [ObjectName], from task: inout ObjectRecord) throws {
        let qualified = QualifiedName(database: task.database, schema: task.schema, name: task.name, written: task.name)
        let removed = try names.map { try predecessorName($0, of: qualified) }
        try requireSuspendedRoots(of: [task.qualifiedName])
        let predecessors = try task.predecessors().filter { !removed.contains($0) }
        task.setPredecessors(predecessors.isEmpty ? nil : predecessors)
        try catalog.updateObject(task)
    }

    /// Fails unless every root above these tasks (`DB.SCHEMA.NAME`) is suspended.
    func requireSuspendedRoots(of names: [String]) throws {
        for name in names {
            for root in try roots(of: name) where root.isStarted {
                throw SnowflakeError.compilationError(
                    "Unable to update graph with root task \(root.qualifiedName) since that root task is not suspended.")
            }
        }
    }

    /// Every task above `name`, transitively.
    func ancestors(of name: String) throws -> Set<String> {
        var seen = Set<String>()
        var pending = [name]
        while let next = pending.popLast() {
            for predecessor in try catalog.task(qualified: next)?.predecessors() ?? []
            where seen.insert(predecessor).inserted {
                pending.append(predecessor)
            }
        }
        return seen
    }

    /// The roots above `name` (the task itself when it has no predecessors).
    func roots(of name: String) throws -> [ObjectRecord] {
        var roots: [ObjectRecord] = []
        for candidate in [name] + (try ancestors(of: name)).sorted() {
            if let task = try catalog.task(qualified: candidate), !task.hasPredecessors { roots.append(task) }
        }
        return roots
    }

    /// Every task below `name`, transitively, in name order.
    func dependents(of name: String) throws -> [ObjectRecord] {
        let tasks = try catalog.allTasks()
        var found: [String: ObjectRecord] = [:]
        var pending = [name]
        while let next = pending.popLast() {
            for child in tasks where try child.predecessors().contains(next) {
                if found.updateValue(child, forKey: child.qualifiedName) == nil { pending.append(child.qualifiedName) }
            }
        }
        return found.values.sorted { $0.qualifiedName < $1.qualifiedName }
    }

    // MARK: - SYSTEM$TASK_DEPENDENTS_ENABLE

    /// Resumes the task and all its dependents, each as ALTER TASK … RESUME would.
    func enableTaskAndDependents(_ text: String) throws {
        let written = ObjectName.identifier(.literal(.string(text)))
        guard let task = try visibleTask(written) else {
            throw SnowflakeError.doesNotExist("Task", try session.nameParts(written).joined(separator: "."))
        }
        for var member in [task] + (try dependents(of: task.qualifiedName)) {
            let securable = Authorization.securable(member)
            let access = try access
            if !access.authorizer.owns(securable) {
                try access.require(.operate, on: securable, name: member.name, missing: SnowflakeError.doesNotExist("Task", member.name))
            }
            try requireOwnerCanExecuteTasks(member)
            guard !member.isStarted else { continue }
            member.markStarted()
            try catalog.updateObject(member)
            try scheduleNextRun(of: &member, after: session.statementTime)
        }
    }
}

extension FunctionLibrary {
    /// The task graph functions and their arities (CALL runs them too: Session+Call.swift).
    static let taskGraphFunctions: [(name: String, arity: ClosedRange<Int>)] = [
        ("SYSTEM$TASK_DEPENDENTS_ENABLE", 1...1), ("SYSTEM$SET_RETURN_VALUE", 1...1), ("SYSTEM$GET_PREDECESSOR_RETURN_VALUE", 0...1),
    ]

    /// The task graph functions, as entries of the one function table that act when translated.
    static func registerTaskGraphs(_ d: inout FunctionRegistry) {
        d.addActions(taskGraphFunctions) { translator, name, arguments in try translator.taskFunction(name, arguments) }
    }
}

extension Translator {
    /// The task function `name` on its arguments' constant text, done now.
    func taskFunction(_ name: String, _ arguments: [String]) throws -> TypedSQL {
        switch name {
        case "SYSTEM$TASK_DEPENDENTS_ENABLE":
            if try catalog.db.isReadOnlyTransaction { throw StatementNeedsWrite() }
            try actions.enableTaskAndDependents(arguments[0])
            return .bound("Statement executed successfully.".databaseValue, type: .string)
        case "SYSTEM$SET_RETURN_VALUE":
            guard let run = session.taskRun else {
                throw SnowflakeError.compilationError("SYSTEM$SET_RETURN_VALUE can only be called from a task.")
            }
            run.returnValue = arguments[0]
            return .bound(DatabaseValue.null, type: .string)
        default:
            // The named predecessor's value, or the only predecessor's; NULL outside a graph run.
            guard let run = session.taskRun else { return .bound(DatabaseValue.null, type: .string) }
            let task = run.claim.task
            let predecessors = try task.predecessors()
            var chosen = predecessors.count == 1 ? predecessors.first : nil
            if let written = arguments.first {
                let parts = try session.nameParts(.identifier(.literal(.string(written))))
                let qualified = try session.qualify(parts, database: task.database, schema: task.schema,
                                                    operation: "SYSTEM$GET_PREDECESSOR_RETURN_VALUE")
                chosen = "\(qualified.database).\(qualified.schema).\(qualified.name)"
            }
            guard let chosen else { return .bound(DatabaseValue.null, type: .string) }
            return .bound((try catalog.taskRunReturnValue(of: chosen, in: run.claim.group)).databaseValue, type: .string)
        }
    }
}
