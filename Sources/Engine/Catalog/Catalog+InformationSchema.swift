// Catalog+InformationSchema: the catalog relations that `<db>.INFORMATION_SCHEMA` views are
// queries over (Translator+InformationSchema.swift builds the views' columns on them). Each is SQL
// text over the system tables with the aliases the views' column expressions use — `o` objects,
// `s` schemas, `d` databases, `c` columns — filtered to one database, the last argument it takes.
//
// Each relation also joins the list of what the current role may see (`vis`, a bound JSON array
// computed by Authorization.visible): only objects for which the role holds some privilege are
// returned, as Snowflake's Information Schema does. The list is part of the derived table, so no
// WHERE clause or join of the user's query can reach the rows it leaves out.
// https://docs.snowflake.com/en/sql-reference/info-schema

extension Catalog {
    /// Joins `vis`: the visible objects, a JSON array of `[schema, name, owned]` (owned 1 or 0).
    private static let visibleObjectsJoin =
        "JOIN json_each(?) vis ON vis.value ->> '$[0]' = o.schema_name AND vis.value ->> '$[1]' = o.name"

    /// TABLES' FROM: tables and views (`o`) with their schema (`s`) and database (`d`), and `rc`,
    /// their row counts from the first argument, a JSON object keyed by storage name. The second
    /// argument is the visible objects.
    static let informationSchemaTablesSource = """
        sl_object o JOIN sl_schema s ON s.database_name = o.database_name AND s.name = o.schema_name \
        JOIN sl_database d ON d.name = o.database_name LEFT JOIN json_each(?) rc ON rc.key = o.storage_name \
        \(visibleObjectsJoin) \
        WHERE o.database_name = ? AND o.kind IN ('\(CatalogKind.table.rawValue)', '\(CatalogKind.view.rawValue)')
        """

    /// COLUMNS' rows from the catalog: one per column of a visible table (the first argument), as
    /// db, sch, tbl, ordinal, name, type (canonical text), nullable, dflt, cmt, and an identity
    /// column's id_start, id_step and id_ordered (NULL for other columns). Views have no column rows.
    static let informationSchemaTableColumns = """
        SELECT o.database_name AS db, o.schema_name AS sch, o.name AS tbl, c.ordinal AS ordinal, c.name AS name, \
        c.type AS type, c.is_nullable AS nullable, c.default_text AS dflt, c.comment AS cmt, \
        c.identity_start AS id_start, c.identity_increment AS id_step, c.identity_ordered AS id_ordered \
        FROM sl_column c JOIN sl_object o ON o.database_name = c.database_name AND o.schema_name = c.schema_name \
        AND o.name = c.object_name AND o.kind = '\(CatalogKind.table.rawValue)' \(visibleObjectsJoin) WHERE o.database_name = ?
        """

    /// SCHEMATA's FROM: schemas (`s`) with their database (`d`), those named in the first argument
    /// (a JSON array of the visible schemas' names).
    static let informationSchemaSchemataSource = """
        sl_schema s JOIN sl_database d ON d.name = s.database_name \
        WHERE s.name IN (SELECT value FROM json_each(?)) AND s.database_name = ?
        """

    /// VIEWS' FROM: visible views (`o`, the first argument); `vis.value ->> '$[2]'` says whether the
    /// role owns the view.
    static let informationSchemaViewsSource =
        "sl_object o \(visibleObjectsJoin) WHERE o.database_name = ? AND o.kind = '\(CatalogKind.view.rawValue)'"
}
