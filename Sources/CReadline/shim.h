// readline for the REPL; only SnowliteCLI/LineEditor.swift imports this module.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>
