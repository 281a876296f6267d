// SQLPrinter+Tasks: CREATE, ALTER, EXECUTE, DROP, SHOW and DESCRIBE TASK back to text, the body
// printed as the statement it is (parsed in Parser+Tasks.swift).

extension StatementPrinter {
    static func task(_ statement: TaskStatement) -> String {
        switch statement {
        case .create(let c):
            var out = create(c.modifiers, "TASK", c.name)
            if let warehouse = c.warehouse { out += " WAREHOUSE = " + taskWarehouse(warehouse) }
            out += properties(c.properties)
            if !c.after.isEmpty { out += " AFTER " + c.after.map(\.description).joined(separator: ", ") }
            if let condition = c.condition { out += " WHEN " + SQLPrinter.print(condition) }
            return out + " AS " + print(c.body)
        case .alter(let a):
            let out = "ALTER TASK " + (a.ifExists ? "IF EXISTS " : "") + a.name.description
            switch a.action {
            case .resume: return out + " RESUME"
            case .suspend: return out + " SUSPEND"
            case .set(let warehouse, let props):
                return out + " SET" + (warehouse.map { " WAREHOUSE = " + taskWarehouse($0) } ?? "") + properties(props)
            case .unset(let names): return out + " UNSET " + names.joined(separator: ", ")
            case .addAfter(let names): return out + " ADD AFTER " + names.map(\.description).joined(separator: ", ")
            case .removeAfter(let names): return out + " REMOVE AFTER " + names.map(\.description).joined(separator: ", ")
            case .modifyAs(let body, _): return out + " MODIFY AS " + print(body)
            case .modifyWhen(let condition, _): return out + " MODIFY WHEN " + SQLPrinter.print(condition)
            }
        case .execute(let name): return "EXECUTE TASK " + name.description
        case .describe(let name): return "DESCRIBE TASK " + name.description
        case .drop(let name, let ifExists): return "DROP TASK " + (ifExists ? "IF EXISTS " : "") + name.description
        case .show(let terse, let filter): return "SHOW " + (terse ? "TERSE " : "") + "TASKS" + showFilter(filter)
        }
    }

    private static func taskWarehouse(_ warehouse: TaskWarehouse) -> String {
        switch warehouse {
        case .name(let name): return name.description
        case .reference(let ref): return "REFERENCE(" + SQLPrinter.quoteString(ref) + ")"
        }
    }
}
