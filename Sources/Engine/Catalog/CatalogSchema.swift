// CatalogSchema: the system tables of an account file. Every catalog object Snowlite knows lives
// here; user tables are ordinary SQLite tables named by their fully qualified name. Each release
// that changes the catalog adds a migration; existing ones are never edited.

import GRDB

public enum CatalogSchema {
    /// How many migrations the catalog has been through when it is up to date (AccountStore keeps it
    /// in the file's `user_version`).
    static let version = migrator.migrations.count

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
        migrator.registerMigration("v2-stages-grants-apps") { db in
            // File contents, stored once per distinct content (stage files, app version files).
            try db.execute(sql: """
                CREATE TABLE sl_blob (
                    md5 TEXT PRIMARY KEY NOT NULL,
                    content BLOB NOT NULL)
                """)
            // Files on internal stages; `path` is relative to the stage and case-sensitive.
            try db.execute(sql: """
                CREATE TABLE sl_stage_file (
                    database_name TEXT NOT NULL,
                    schema_name TEXT NOT NULL,
                    stage_name TEXT NOT NULL,
                    path TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    md5 TEXT NOT NULL REFERENCES sl_blob(md5),
                    last_modified TEXT NOT NULL,
                    PRIMARY KEY (database_name, schema_name, stage_name, path))
                """)
            // Privileges on objects (and ON ACCOUNT, with object_kind 'ACCOUNT' and an empty name),
            // granted to roles, applications, application roles and database roles.
            try db.execute(sql: """
                CREATE TABLE sl_grant (
                    privilege TEXT NOT NULL,
                    object_kind TEXT NOT NULL,
                    object_name TEXT NOT NULL,
                    grantee_kind TEXT NOT NULL,
                    grantee_name TEXT NOT NULL,
                    grant_option INTEGER NOT NULL DEFAULT 0,
                    granted_by TEXT NOT NULL,
                    created_on TEXT NOT NULL,
                    PRIMARY KEY (privilege, object_kind, object_name, grantee_kind, grantee_name))
                """)
            try db.execute(sql: "CREATE INDEX sl_grant_by_grantee ON sl_grant (grantee_kind, grantee_name)")
            // Versions (and patches) of application packages: the manifest and the files snapshotted at ADD VERSION.
            try db.execute(sql: """
                CREATE TABLE sl_app_version (
                    package_name TEXT NOT NULL,
                    version TEXT NOT NULL,
                    patch INTEGER NOT NULL,
                    label TEXT,
                    manifest TEXT NOT NULL,
                    created_on TEXT NOT NULL,
                    PRIMARY KEY (package_name, version, patch))
                """)
            try db.execute(sql: """
                CREATE TABLE sl_app_version_file (
                    package_name TEXT NOT NULL,
                    version TEXT NOT NULL,
                    patch INTEGER NOT NULL,
                    path TEXT NOT NULL,
                    md5 TEXT NOT NULL REFERENCES sl_blob(md5),
                    PRIMARY KEY (package_name, version, patch, path))
                """)
        }
        migrator.registerMigration("v3-access-control") { db in
            // Which kind of role a role grant hands on: an account role, or an application role
            // (`GRANT APPLICATION ROLE app.r TO ROLE x`, role_name 'APP.R').
            try db.execute(sql: "ALTER TABLE sl_role_grant ADD COLUMN role_kind TEXT NOT NULL DEFAULT 'ROLE'")
            // Future grants: privileges every object of a kind created later in a schema or a database
            // receives (`GRANT SELECT ON FUTURE TABLES IN SCHEMA s TO ROLE r`).
            try db.execute(sql: """
                CREATE TABLE sl_future_grant (
                    privilege TEXT NOT NULL,
                    object_kind TEXT NOT NULL,
                    container_kind TEXT NOT NULL,
                    container_name TEXT NOT NULL,
                    grantee_kind TEXT NOT NULL,
                    grantee_name TEXT NOT NULL,
                    grant_option INTEGER NOT NULL DEFAULT 0,
                    granted_by TEXT NOT NULL,
                    created_on TEXT NOT NULL,
                    PRIMARY KEY (privilege, object_kind, container_kind, container_name, grantee_kind, grantee_name))
                """)
        }
        migrator.registerMigration("v4-application-version-properties") { db in
            // What SHOW VERSIONS prints besides the label (comment, log and trace levels from the
            // manifest), as a JSON object, so later columns need no migration.
            try db.execute(sql: "ALTER TABLE sl_app_version ADD COLUMN properties TEXT NOT NULL DEFAULT '{}'")
        }
        migrator.registerMigration("v5-secret-values") { db in
            // The values of secrets (a secret string, a password, an OAuth refresh token) as a JSON
            // object, apart from sl_object.properties, which SHOW and INFORMATION_SCHEMA read. Only
            // Catalog.secretValue reads this table; user SQL never names an sl_* table.
            try db.execute(sql: """
                CREATE TABLE sl_secret_value (
                    database_name TEXT NOT NULL,
                    schema_name TEXT NOT NULL,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    value TEXT NOT NULL DEFAULT '{}',
                    PRIMARY KEY (database_name, schema_name, name))
                """)
        }
        migrator.registerMigration("v6-task-runs") { db in
            // Task runs (TASK_HISTORY): one row per run, scheduled, executing or finished; the
            // task itself is an sl_object of kind TASK. RUN_ID is the row id.
            try db.execute(sql: """
                CREATE TABLE sl_task_run (
                    run_id INTEGER PRIMARY KEY AUTOINCREMENT,
                    database_name TEXT NOT NULL,
                    schema_name TEXT NOT NULL,
                    name TEXT NOT NULL,
                    query_id TEXT,
                    query_text TEXT NOT NULL,
                    condition_text TEXT,
                    state TEXT NOT NULL,
                    error_code TEXT,
                    error_message TEXT,
                    scheduled_time TEXT NOT NULL,
                    query_start_time TEXT,
                    next_scheduled_time TEXT,
                    completed_time TEXT,
                    return_value TEXT,
                    scheduled_from TEXT NOT NULL,
                    attempt_number INTEGER NOT NULL DEFAULT 1)
                """)
            try db.execute(sql: "CREATE INDEX sl_task_run_task ON sl_task_run (database_name, schema_name, name)")
        }
        migrator.registerMigration("v7-application-references") { db in
            // The consumer objects bound to an application's references (spec §5.8): one row per
            // binding; a single-valued reference has one row with an empty alias.
            try db.execute(sql: """
                CREATE TABLE sl_app_reference (
                    application TEXT NOT NULL,
                    name TEXT NOT NULL,
                    alias TEXT NOT NULL,
                    object_kind TEXT NOT NULL,
                    database_name TEXT,
                    schema_name TEXT,
                    object_name TEXT NOT NULL,
                    privileges TEXT NOT NULL,
                    created_on TEXT NOT NULL,
                    PRIMARY KEY (application, name, alias))
                """)
        }
        migrator.registerMigration("v8-task-scheduler") { db in
            // How each run came to be queued: SCHEDULE (the task's schedule), EXECUTE_TASK,
            // PREDECESSOR (its predecessors in a graph run succeeded) or RETRY
            // (TASK_AUTO_RETRY_ATTEMPTS). SCHEDULED_FROM keeps what TASK_HISTORY shows.
            try db.execute(sql: "ALTER TABLE sl_task_run ADD COLUMN origin TEXT NOT NULL DEFAULT 'SCHEDULE'")
            try db.execute(sql: "UPDATE sl_task_run SET origin = scheduled_from")
            // The scheduler or worker executing the run, so a stopping one can cancel its own.
            try db.execute(sql: "ALTER TABLE sl_task_run ADD COLUMN claimed_by TEXT")
            // The runs of one graph run share a group; ROOT_TASK_ID is the root task's id.
            try db.execute(sql: "ALTER TABLE sl_task_run ADD COLUMN graph_run_group_id TEXT")
            try db.execute(sql: "ALTER TABLE sl_task_run ADD COLUMN root_task_id TEXT")
            try db.execute(sql: "CREATE INDEX sl_task_run_due ON sl_task_run (state, scheduled_time)")
        }
        migrator.registerMigration("v9-egress-log") { db in
            // Every egress decision of a procedure's HTTP client, allowed or denied (EGRESS_HISTORY).
            try db.execute(sql: """
                CREATE TABLE sl_egress_log (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    time TEXT NOT NULL,
                    procedure TEXT NOT NULL,
                    method TEXT NOT NULL,
                    url TEXT NOT NULL,
                    host_port TEXT NOT NULL,
                    decision TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    mapped_to TEXT,
                    hop INTEGER NOT NULL,
                    status INTEGER,
                    bytes_sent INTEGER NOT NULL,
                    bytes_received INTEGER NOT NULL,
                    duration_ms INTEGER NOT NULL,
                    error TEXT)
                """)
        }
        migrator.registerMigration("v10-grant-stamp") { db in
            // A stamp every change to grants, role grants or account objects replaces with a fresh
            // random number, committed or rolled back with the change: a session keeps the
            // privileges it loaded while the stamp it loaded them under is still the stamp.
            try db.execute(sql: "CREATE TABLE sl_grant_stamp (stamp INTEGER NOT NULL)")
            try db.execute(sql: "INSERT INTO sl_grant_stamp (stamp) VALUES (random())")
            for table in ["sl_grant", "sl_role_grant", "sl_account_object"] {
                for event in ["INSERT", "UPDATE", "DELETE"] {
                    try db.execute(sql: """
                        CREATE TRIGGER \(table)_\(event.lowercased())_stamp AFTER \(event) ON \(table)
                        BEGIN UPDATE sl_grant_stamp SET stamp = random(); END
                        """)
                }
            }
        }
        migrator.registerMigration("v11-task-run-claimant") { db in
            // The process that claimed an EXECUTING run — pid, host, and when it started (to tell a
            // reused pid apart) — so a run whose process died is freed at once (TaskRunProcesses.swift).
            // Runs of older files have NULLs and are left to their timeout.
            try db.execute(sql: "ALTER TABLE sl_task_run ADD COLUMN claimer_pid INTEGER")
            try db.execute(sql: "ALTER TABLE sl_task_run ADD COLUMN claimer_host TEXT")
            try db.execute(sql: "ALTER TABLE sl_task_run ADD COLUMN claimer_start TEXT")
        }
        migrator.registerMigration("v12-user-passwords") { db in
            // Users' password hashes (Security/PasswordHash.swift), apart from sl_account_object's
            // properties, which SHOW USERS and DESCRIBE USER read. Only Catalog+Passwords reads it.
            try db.execute(sql: """
                CREATE TABLE sl_user_password (user_name TEXT PRIMARY KEY, hash TEXT NOT NULL)
                """)
            // A dropped (or replaced) user's password goes with it.
            try db.execute(sql: """
                CREATE TRIGGER sl_user_password_drop AFTER DELETE ON sl_account_object WHEN old.kind = 'USER'
                BEGIN DELETE FROM sl_user_password WHERE user_name = old.name; END
                """)
        }
        migrator.registerMigration("v13-identity-columns") { db in
            // AUTOINCREMENT / IDENTITY columns: the generator's start, step and ORDER, and the value
            // the next row takes (Catalog+Sequences.swift). NULL for every other column.
            try db.execute(sql: "ALTER TABLE sl_column ADD COLUMN identity_start INTEGER")
            try db.execute(sql: "ALTER TABLE sl_column ADD COLUMN identity_increment INTEGER")
            try db.execute(sql: "ALTER TABLE sl_column ADD COLUMN identity_ordered INTEGER")
            try db.execute(sql: "ALTER TABLE sl_column ADD COLUMN identity_next INTEGER")
        }
        migrator.registerMigration("v15-billing-events") { db in
            // Custom billing events an application's procedures create with SYSTEM$CREATE_BILLING_EVENT(S)
            // (Applications/Catalog+BillingEvents.swift): one row per event, the charge in cents.
            try db.execute(sql: """
                CREATE TABLE sl_app_billing_event (
                    id INTEGER PRIMARY KEY, application TEXT NOT NULL, package TEXT NOT NULL, class TEXT NOT NULL,
                    subclass TEXT NOT NULL, start_timestamp INTEGER NOT NULL, event_timestamp INTEGER NOT NULL,
                    charge_cents INTEGER NOT NULL, objects TEXT NOT NULL, additional_info TEXT NOT NULL, created_on TEXT NOT NULL)
                """)
        }
        migrator.registerMigration("v17-package-databases") { db in
            // An application package is also a database, for the data it shares with its
            // applications (Executor+SharedContent.swift): packages made before get theirs.
            try db.execute(sql: """
                INSERT INTO sl_database (name, kind, owner, comment, is_transient, retention_time, created_on)
                SELECT name, 'APPLICATION PACKAGE', owner, comment, 0, 1, created_on FROM sl_account_object
                WHERE kind = 'APPLICATION PACKAGE' AND name NOT IN (SELECT name FROM sl_database)
                """)
            try db.execute(sql: """
                INSERT INTO sl_schema (database_name, name, owner, comment, is_transient, is_managed_access, created_on)
                SELECT d.name, s.name, CASE s.name WHEN 'PUBLIC' THEN d.owner ELSE '' END,
                       CASE s.name WHEN 'PUBLIC' THEN NULL ELSE 'Views describing the contents of schemas in this database' END,
                       0, 0, d.created_on
                FROM sl_database d, (SELECT 'PUBLIC' AS name UNION ALL SELECT 'INFORMATION_SCHEMA') s
                WHERE d.kind = 'APPLICATION PACKAGE' AND NOT EXISTS (SELECT 1 FROM sl_schema WHERE database_name = d.name)
                """)
        }
        migrator.registerMigration("v18-load-history") { db in
            // COPY INTO <table>'s load metadata (Loading/Catalog+LoadHistory.swift): one row per file
            // a COPY read, under the table's load token (a property a table gets at its first COPY,
            // so a table dropped and made again starts with none). LOAD_HISTORY and COPY_HISTORY read it.
            try db.execute(sql: """
                CREATE TABLE sl_load_history (
                    id INTEGER PRIMARY KEY, load_token TEXT NOT NULL, database_name TEXT NOT NULL, schema_name TEXT NOT NULL,
                    table_name TEXT NOT NULL, file_name TEXT NOT NULL, stage_location TEXT NOT NULL, md5 TEXT NOT NULL,
                    file_size INTEGER NOT NULL, status TEXT NOT NULL, row_count INTEGER NOT NULL, row_parsed INTEGER NOT NULL,
                    first_error_message TEXT, first_error_line_number INTEGER, first_error_character_position INTEGER,
                    first_error_col_name TEXT, error_count INTEGER NOT NULL, error_limit INTEGER NOT NULL,
                    last_load_time TEXT NOT NULL)
                """)
            try db.execute(sql: "CREATE INDEX sl_load_history_by_file ON sl_load_history (load_token, file_name)")
        }
        migrator.registerMigration("v19-catalog-stamp") { db in
            // The stamp that tells a connection's cached catalog records are still current
            // (Catalog+Cache.swift).
            try CatalogCache.createStamp(db)
        }
        return migrator
    }
}
