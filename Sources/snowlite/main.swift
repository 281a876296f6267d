// snowlite: snowsql under the project's own name, plus its own subcommands (`serve`, `tasks …`,
// `fixtures github`); see SnowliteCommands/SnowliteCommand.swift.
import SnowliteCommands

SnowliteCommand.main()
