// snowlite: the same program as snowsql, under the project's own name.
import SnowliteCLI

SnowSQLCommand.main()
