// CatalogSchema: the system tables of an account file. Every catalog object Snowlite knows lives
// here; user tables are ordinary SQLite tables named by their fully qualified name. Each release
// that changes the catalog adds a migration; existing ones are never edited.

import GRDB

public enum CatalogSchema {
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-catalog") { db in
            // Databases (and later applications, which behave like databases to their owner).
            try db.execute(sql: """
                CREATE TABLE sl_database (
                    name TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL DEFAULT 'STANDARD',
                    owner TEXT NOT NULL,
                    comment TEXT,
                    is_transient INTEGER NOT NULL DEFAULT 0,
                    retention_time INTEGER NOT NULL DEFAULT 1,
                    created_on TEXT NOT NULL)
                """)
            try db.execute(sql: """
                CREATE TABLE sl_schema (
                    database_name TEXT NOT NULL REFERENCES sl_database(name) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    owner TEXT NOT NULL,
                    comment TEXT,
                    is_transient INTEGER NOT NULL DEFAULT 0,
                    is_managed_access INTEGER NOT NULL DEFAULT 0,
                    created_on TEXT NOT NULL,
                    PRIMARY KEY (database_name, name))
                """)
            // Schema-level objects: tables, views, and the kinds later issues add.
            try db.execute(sql: """
                CREATE TABLE sl_object (
                    database_name TEXT NOT NULL,
                    schema_name TEXT NOT NULL,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    owner TEXT NOT NULL,
                    comment TEXT,
                    created_on TEXT NOT NULL,
                    storage_name TEXT,
                    definition TEXT,
                    properties TEXT NOT NULL DEFAULT '{}',
                    PRIMARY KEY (database_name, schema_name, name, kind),
                    FOREIGN KEY (database_name, schema_name) REFERENCES sl_schema(database_name, name) ON DELETE CASCADE)
                """)
            try db.execute(sql: """
                CREATE TABLE sl_column (
                    database_name TEXT NOT NULL,
                    schema_name TEXT NOT NULL,
                    object_name TEXT NOT NULL,
                    ordinal INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    type TEXT NOT NULL,
                    is_nullable INTEGER NOT NULL DEFAULT 1,
                    default_text TEXT,
                    comment TEXT,
                    PRIMARY KEY (database_name, schema_name, object_name, ordinal))
                """)
            // Account-level objects: warehouses, roles, and later integrations.
            try db.execute(sql: """
                CREATE TABLE sl_account_object (
                    kind TEXT NOT NULL,
                    name TEXT NOT NULL,
                    owner TEXT NOT NULL,
                    comment TEXT,
                    created_on TEXT NOT NULL,
                    properties TEXT NOT NULL DEFAULT '{}',
                    PRIMARY KEY (kind, name))
                """)
            // Role grants: role → role, role → user.
            try db.execute(sql: """
                CREATE TABLE sl_role_grant (
                    role_name TEXT NOT NULL,
                    grantee_kind TEXT NOT NULL,
                    grantee_name TEXT NOT NULL,
                    granted_by TEXT NOT NULL,
                    created_on TEXT NOT NULL,
                    PRIMARY KEY (role_name, grantee_kind, grantee_name))
                """)
        }
        return migrator
    }
}
