// Translator+SubColumnReads: how a finished query reads a table's sub-columns. Once the whole
// query is translated, every use of each base table is known (Translator+SubColumns.swift), and
// each table read is written one of three ways:
//
// - Its rows come out in read order, or it uses something the index lacks: the table, as before.
// - The GROUP BY keys are the index's first expressions and every use is inside a key: the FROM
//   item names the index (`INDEXED BY`), and SQLite reads the index in order, one group after
//   another, the keys from the index, without a sort.
// - Otherwise: SQLite 3.40 sorts a GROUP BY's rows, or evaluates an aggregate's arguments, from
//   the table row even when an index holds the expression, so the FROM item becomes a subquery
//   over the index, `(SELECT ("RAW" -> '$.a') AS "sc1", … FROM t INDEXED BY … LIMIT -1 OFFSET 0)
//   AS t1` (the OFFSET keeps SQLite from folding it back into the query), and each use reads its
//   column: the sort holds the few values, not the documents.
//
// Naming an index only chooses how rows are found, never which rows or values come back. The
// tags and markers are SQL comments, so SQL that is never finished is still the same query.

extension Translator {
    /// Finishes the SQL as above and hands over what the tables could learn. The SQL with its tags
    /// is kept, so the statement can finish it again once it has taught the tables.
    func finishSubColumns(_ query: inout TranslatedQuery) {
        guard !tableReads.isEmpty else { return }
        query.unfinishedSQL = query.sql
        for (alias, read) in tableReads {
            guard SQLText.contains(query.sql, read.marker), read.isCovered, let storage = read.table.storageName else {
                query.sql = SQLText.replacing(read.marker, with: "", in: Translator.untagged(query.sql, read.tagged))
                continue
            }
            let index = quote(SubColumns.indexName(storage: storage))
            if read.readsIndexInOrder {
                query.sql = SQLText.replacing(read.marker, with: " INDEXED BY " + index, in: Translator.untagged(query.sql, read.tagged))
                continue
            }
            var columns: [String] = []
            for use in read.tagged where read.subColumns.expressions.contains(use.bare) && !columns.contains(use.bare) {
                columns.append(use.bare)
            }
            var sql = query.sql
            for use in read.tagged.reversed() {
                let replacement = columns.firstIndex(of: use.bare).map { "\(alias).\"sc\($0 + 1)\"" } ?? use.plain
                sql = SQLText.replacing(use.text, with: replacement, in: sql)
            }
            let list = columns.enumerated().map { "\($0.element) AS \"sc\($0.offset + 1)\"" }.joined(separator: ", ")
            query.sql = SQLText.replacing(
                quote(storage) + " AS " + alias + read.marker,
                with: "(SELECT \(list) FROM \(quote(storage)) INDEXED BY \(index) LIMIT -1 OFFSET 0) AS \(alias)", in: sql)
        }
        // Learning builds an index over the table's rows inside the statement: a query a user or a
        // client runs may, a procedure's, a task's or a setup script's bookkeeping does not.
        guard session.executables.isEmpty, session.taskRun == nil, session.runningApplication == nil else {
            query.subColumnsToLearn = []
            return
        }
        query.subColumnsToLearn = tableReads.values.compactMap { read in
            // A query that would not read the index teaches it nothing (a preview's thirteen paths,
            // long texts among them, would double a big table's file for no query's gain).
            guard !read.keepsReadOrder else { return nil }
            let leading = read.subColumns.leading == 0 && read.groupingKeys.count <= SubColumns.limit ? read.groupingKeys : []
            let reorders = !leading.isEmpty && Array(read.subColumns.expressions.prefix(leading.count)) != leading
            guard !read.unlearned.isEmpty || reorders else { return nil }
            return SubColumnsToLearn(table: read.table, expressions: read.unlearned, leading: reorders ? leading : [])
        }
    }

    /// `sql` with each use's tag removed, the latest first (a cast's text holds its path's tag).
    private static func untagged(_ sql: String, _ uses: [TaggedUse]) -> String {
        uses.reversed().reduce(sql) { SQLText.replacing($1.text, with: $1.plain, in: $0) }
    }

    /// Finishes `query` again with the tables' sub-columns as they are now.
    func refinishSubColumns(_ query: inout TranslatedQuery) throws {
        guard let unfinished = query.unfinishedSQL else { return }
        for (alias, read) in tableReads {
            let table =
                try catalog.object(database: read.table.database, schema: read.table.schema, name: read.table.name, kinds: [.table])
                ?? read.table
            tableReads[alias]?.table = table
            tableReads[alias]?.subColumns = try catalog.subColumns(of: table)
            tableReads[alias]?.unlearned = []
        }
        query.sql = unfinished
        finishSubColumns(&query)
    }
}
