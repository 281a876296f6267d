// BangCommands: snowsql's `!` commands (spec §1.5), run by the client without the server.
// https://docs.snowflake.com/en/user-guide/snowsql-use#commands-reference
//
// A command is one line: `!name argument…`, with a tolerated trailing `;`. `!print`, `!source`,
// `!spool` and `!system` arguments get `&` substitution when it is on; `!define` and `!set` take
// their argument as written. Commands about other connections or the query history (`!connect`,
// `!abort`, `!queries`, `!result`, `!pause`, `!edit`, `!rehash`) have no meaning for one local
// account and fail with a clear message.

import Foundation
import SnowSQL

extension ClientSession {
    /// One row of `!help`.
    struct CommandHelp {
        var name: String, use: String, aliases: String, description: String
    }

    static let commandHelp: [CommandHelp] = [
        CommandHelp(name: "!define", use: "!define <variable>=<value>", aliases: "", description: "Define a variable as the given value"),
        CommandHelp(name: "!exit", use: "!exit", aliases: "!disconnect", description: "Drop the current connection"),
        CommandHelp(name: "!help", use: "!help", aliases: "!helps, !h", description: "Show the client help."),
        CommandHelp(name: "!options", use: "!options", aliases: "!opts", description: "Show all options and their values"),
        CommandHelp(name: "!print", use: "!print <message>", aliases: "", description: "Print given text"),
        CommandHelp(name: "!quit", use: "!quit", aliases: "!q", description: "Drop all connections and quit SnowSQL"),
        CommandHelp(name: "!set", use: "!set <option>=<value>", aliases: "", description: "Set an option to the given value"),
        CommandHelp(name: "!source", use: "!source <filename>", aliases: "!load", description: "Execute given sql file"),
        CommandHelp(name: "!spool", use: "!spool <filename>|off", aliases: "", description: "Turn on or off writing results to file"),
        CommandHelp(name: "!system", use: "!system <system command>", aliases: "", description: "Run a system command in the shell"),
        CommandHelp(name: "!variables", use: "!variables", aliases: "!vars", description: "Show all variables and their values"),
    ]

    static let unsupportedCommands: Set<String> = ["abort", "connect", "edit", "pause", "queries", "rehash", "result"]

    /// Runs one `!` line (as the splitter returns it, starting with `!`).
    public func runClientCommand(_ line: String) -> RunOutcome {
        var body = Substring(line.trimmingBlanks())
        if body.hasPrefix("!") { body = body.dropFirst() }
        var text = String(body).trimmingBlanks()
        while text.hasSuffix(";") { text = String(text.dropLast()).trimmingBlanks() }
        let name: String, argument: String
        if let blank = text.firstIndex(where: { $0 == " " || $0 == "\t" }) {
            name = text[..<blank].lowercased()
            argument = text[blank...].trimmingBlanks()
        } else {
            name = text.lowercased()
            argument = ""
        }
        do {
            return try runClientCommand(name: name, argument: argument)
        } catch {
            return failed("\(error)")
        }
    }

    private func runClientCommand(name: String, argument: String) throws -> RunOutcome {
        switch name {
        case "set":
            guard !argument.isEmpty else { throw ClientError("Usage: !set <option>=<value>") }
            try setOption(assignment: argument)
        case "define":
            guard !argument.isEmpty else { throw ClientError("Usage: !define <variable>=<value>") }
            try variables.define(assignment: argument)
        case "variables", "vars":
            let rows = variables.sorted.map { [$0.name, $0.value] }
            console.write(ResultFormatter.table(names: ["Name", "Value"], rows: rows, numeric: [false, false],
                                                style: .psql, header: true), as: .message)
        case "options", "opts":
            let rows = ClientOptions.table.map { [$0.name, options.values[$0.name] ?? $0.value] }
            console.write(ResultFormatter.table(names: ["Name", "Value"], rows: rows, numeric: [false, false],
                                                style: .psql, header: true), as: .message)
        case "print":
            console.write(try substituted(argument), as: .printed)
        case "source", "load":
            return try source(try substituted(argument))
        case "spool":
            let target = try substituted(argument)
            guard !target.isEmpty else { throw ClientError("Usage: !spool <filename>|off") }
            try console.spool(to: target.lowercased() == "off" ? nil : expandedPath(target))
        case "exit", "disconnect", "quit", "q":
            return .exit(ClientExitCode.success)
        case "help", "helps", "h":
            let rows = ClientSession.commandHelp.map { [$0.name, $0.use, $0.aliases, $0.description] }
            console.write(ResultFormatter.table(names: ["Command", "Use", "Aliases", "Description"], rows: rows,
                                                numeric: [false, false, false, false], style: .psql, header: true),
                          as: .message)
        case "system":
            try system(try substituted(argument))
        case "":
            throw ClientError("Missing command name after '!'. Type !help for the list of commands.")
        default:
            if ClientSession.unsupportedCommands.contains(name) {
                throw ClientError("The command !\(name) is not supported by Snowlite.")
            }
            throw ClientError("Unknown command: !\(name). Type !help for the list of commands.")
        }
        return .proceed
    }

    private func substituted(_ text: String) throws -> String {
        options.variableSubstitution ? try variables.substitute(text) : text
    }

    private func expandedPath(_ path: String) -> String {
        ConfigFile.expandingTilde(path, home: environment["HOME"] ?? NSHomeDirectory())
    }

    /// `!source FILE`: runs the file's statements here; `stop_on_error` inside it stops the caller too.
    private func source(_ path: String) throws -> RunOutcome {
        guard !path.isEmpty else { throw ClientError("Usage: !source <filename>") }
        guard sourceDepth < ClientSession.maximumSourceDepth else {
            throw ClientError("!source nested too deeply (\(ClientSession.maximumSourceDepth) files): \(path)")
        }
        let script = try ClientSession.readScript(path, environment: environment)
        sourceDepth += 1
        defer { sourceDepth -= 1 }
        return run(script: script)
    }

    /// `!system CMD`: runs the command with /bin/sh; its output goes straight to the terminal.
    private func system(_ command: String) throws {
        guard !command.isEmpty else { throw ClientError("Usage: !system <system command>") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        do {
            try process.run()
        } catch {
            throw ClientError("Could not run the system command: \(error)")
        }
        process.waitUntilExit()
    }
}
