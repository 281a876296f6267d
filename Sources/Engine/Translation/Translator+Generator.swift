// Translator+Generator: TABLE(GENERATOR(ROWCOUNT => n [, TIMELIMIT => s])) in FROM — n rows with no
// columns of their own, for data generation functions to fill (SEQ4(), UNIFORM(…), RANDSTR(…)…). The
// rows come from a recursive SQLite CTE numbering them from 0; the number is the relation's
// `generatorRow`, which SEQ1…SEQ8 and RANDOM(seed) read. ROWCOUNT NULL (or none) gives no rows.
// TIMELIMIT makes "as many rows as the time allows": alone it is refused; beside ROWCOUNT, Snowlite
// makes the ROWCOUNT rows, which Snowflake does when they take less than the time limit.
// https://docs.snowflake.com/en/sql-reference/functions/generator

import GRDB
import SnowSQL

extension Translator {
    func generator(_ call: FunctionCall, alias: TableAlias?, _ scope: Scope) throws -> TypedSQL {
        var named: [String: Expression] = [:]
        let order = ["ROWCOUNT", "TIMELIMIT"]
        for (i, argument) in call.arguments.enumerated() {
            guard let name = argument.name ?? (i < order.count ? order[i] : nil), order.contains(name), named[name] == nil else {
                throw SnowflakeError.invalidArgumentCount(function: "GENERATOR", given: call.arguments.count)
            }
            named[name] = argument.value
        }
        func count(_ name: String) throws -> Int64? {
            guard let expression = named[name] else { return nil }
            let value = try constant(expression, as: .integer)
            if value.isNull { return nil }
            guard let n = Int64.fromDatabaseValue(value), n >= 0 else { throw SnowflakeError.generatorArgument(name) }
            return n
        }
        let rows = try count("ROWCOUNT")
        if named["TIMELIMIT"] != nil, try count("TIMELIMIT") != nil, rows == nil {
            throw SnowflakeError.unsupported("GENERATOR with TIMELIMIT and no ROWCOUNT")
        }
        let sqlAlias = nextAlias()
        scope.relations.append(
            Relation(
                name: alias?.name.name ?? "GENERATOR", qualifiedParts: [], sqlAlias: sqlAlias, columns: [],
                generatorRow: "\(sqlAlias).\(quote("generated_row"))"))
        let sql = """
            (WITH RECURSIVE generated(generated_row) AS (SELECT 0 WHERE 0 < ? UNION ALL SELECT generated_row + 1 FROM generated WHERE generated_row + 1 < ?) \
            SELECT generated_row FROM generated) AS \(sqlAlias)
            """
        return TypedSQL(sql, [(rows ?? 0).databaseValue, (rows ?? 0).databaseValue], type: .boolean)
    }
}
