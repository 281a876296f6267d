// snowlite: snowsql under the project's own name, plus its own subcommands (`serve`, `tasks …`);
// see SnowliteCLI/SnowliteCommand.swift.
import SnowliteCLI

SnowliteCommand.main()
