// snowsql: the snowsql-compatible client (see SnowSQLClient/Command/SnowSQLCommand.swift). It links
// the engine and the client only: no web server, no dashboard.
import SnowSQLClient

SnowSQLCommand.main()
