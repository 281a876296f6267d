// Scope: the names a query can see while it is translated — the relations of its FROM clause
// with their columns, the select-list aliases (Snowflake lets WHERE, GROUP BY, QUALIFY and
// window specs use them), and the enclosing query's scope for correlated subqueries.

import SnowSQL

struct RelationColumn {
    var name: String
    var type: SnowflakeType
    /// The column's name inside the SQLite relation.
    var sqlName: String
    /// For a computed column (FLATTEN's VALUE, KEY…): the SQL that produces it, used instead of
    /// `alias.sqlName`.
    var computed: TypedSQL? = nil
    /// False for a column known never to hold NULL (declared NOT NULL, a literal's).
    var nullable = true
}

struct Relation {
    /// The alias, or the table's own name, by which columns may be qualified.
    var name: String?
    /// `DB.SCHEMA.TABLE` parts for fully qualified column references.
    var qualifiedParts: [String]
    /// The alias used in the SQLite text.
    var sqlAlias: String
    var columns: [RelationColumn]
    /// TABLE(GENERATOR(…)): the SQL of the row's number from 0, which SEQ1…SEQ8 and RANDOM(seed) read.
    var generatorRow: String? = nil
    /// Staged files (Translator+StagedFiles): how many `$n` columns they have; `$n` past them is NULL.
    var stagedWidth: Int? = nil
}

final class Scope {
    var relations: [Relation] = []
    let parent: Scope?
    /// Select-list aliases, resolved lazily to the aliased expression.
    var aliases: [String: Expression] = [:]
    /// Aliases being expanded, to refuse `SELECT a AS b, b AS a`.
    var expanding: Set<String> = []
    /// Set once an aggregate function (not a window) is translated in this scope: its rows come
    /// out as groups, whatever order its tables are read in (Translator+SubColumns).
    var aggregates = false
    /// How many aggregate calls (not windows) it holds (Translator+ExtremumLookups).
    var aggregateCalls = 0

    init(parent: Scope?) {
        self.parent = parent
    }

    /// The row number of the nearest TABLE(GENERATOR(…)) in this scope or an enclosing one.
    var generatorRow: String? {
        relations.lazy.compactMap(\.generatorRow).first ?? parent?.generatorRow
    }

    /// Marks every column of the relations at `range` as possibly NULL (the optional side of an
    /// outer join).
    func makeNullable(_ range: Range<Int>) {
        for i in range {
            for j in relations[i].columns.indices { relations[i].columns[j].nullable = true }
        }
    }

    /// Finds a column by its reference parts. Throws for an ambiguous name; nil when not found here
    /// or in any enclosing scope.
    func resolve(_ parts: [String]) throws -> (relation: Relation, column: RelationColumn)? {
        guard let columnName = parts.last else { return nil }
        let qualifier = Array(parts.dropLast())
        var matches: [(Relation, RelationColumn)] = []
        for relation in relations {
            if !qualifier.isEmpty {
                let fits = qualifier.count == 1 ? relation.name == qualifier[0]
                    : Array(relation.qualifiedParts.suffix(qualifier.count)) == qualifier
                if !fits { continue }
            }
            for column in relation.columns where column.name == columnName { matches.append((relation, column)) }
        }
        if matches.count > 1 && qualifier.isEmpty {
            throw SnowflakeError.ambiguousColumnName(columnName)
        }
        if let match = matches.first { return match }
        return try parent?.resolve(parts)
    }
}
