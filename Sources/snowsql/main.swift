// snowsql: the snowsql-compatible client (see SnowliteCLI/SnowSQLCommand.swift).
import SnowliteCLI

SnowSQLCommand.main()
