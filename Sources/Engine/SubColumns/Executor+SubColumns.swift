// Executor+SubColumns: a query teaches the tables it reads the paths it uses (Catalog+SubColumns).
// The first grouping query to use a path over a table's VARIANT column adds it to the table's
// sub-column index before it runs, and reads it from there; later writes keep the index exact.
// Learning writes the account file, so a query run in a read transaction asks to be run again as
// a writer (StatementNeedsWrite), once per new path.

import GRDB
import SnowSQL

extension Executor {
    /// A query's translation, once its tables have learned the paths it uses (in a read-only
    /// transaction: StatementNeedsWrite, so the statement runs again as a writer).
    func translateLearning(_ query: Query) throws -> TranslatedQuery {
        let translator = translator()
        var translated = try translator.translate(query)
        if try learnSubColumns(translated) { try translator.refinishSubColumns(&translated) }
        return translated
    }

    /// Adds the paths `translated` used to its tables' sub-columns; true when an index changed.
    private func learnSubColumns(_ translated: TranslatedQuery) throws -> Bool {
        guard !translated.subColumnsToLearn.isEmpty else { return false }
        if try db.isReadOnlyTransaction { throw StatementNeedsWrite() }
        var changed = false
        for learning in translated.subColumnsToLearn {
            let written = learning.table
            guard let table = try catalog.object(database: written.database, schema: written.schema, name: written.name, kinds: [.table]),
                table.storageName == written.storageName
            else { continue }
            if try catalog.learnSubColumns(learning.expressions, leading: learning.leading, of: table) { changed = true }
        }
        return changed
    }
}
