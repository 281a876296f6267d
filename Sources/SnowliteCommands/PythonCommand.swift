// PythonCommand: `snowlite python install` makes the Python that Python procedures run in
// (Sources/PythonProcedures): a virtual environment under $SNOWLITE_HOME/python, from PyPI, with
// Snowpark, requests and every package the account's Python procedures name in PACKAGES (Snowflake
// takes them from its Anaconda channel; most have the same name on PyPI). `--dry-run` prints the
// commands instead of running them. SNOWLITE_PYTHON, when set, is used instead of this environment.

import ArgumentParser
import Engine
import Foundation

struct PythonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "python", abstract: "Set up the Python that Python procedures run in.",
        subcommands: [PythonInstallCommand.self])
}

struct PythonInstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Make $SNOWLITE_HOME/python: a virtual environment with Snowpark and the account's procedure PACKAGES.")

    @OptionGroup var account: AccountOptions
    @Option(help: "The Python (3.9 or later) to make the environment with.")
    var python = "python3"
    @Option(name: .customLong("package"), help: "Another package to install; repeat for more.")
    var packages: [String] = []
    @Flag(name: .customLong("dry-run"), help: "Print the commands, run nothing.")
    var dryRun = false

    /// What every procedure's environment has, whatever its PACKAGES say.
    static let basePackages = ["snowflake-snowpark-python", "requests"]

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let home = environment["SNOWLITE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.snowlite")
        let target = home + "/python"
        var named: [String] = []
        do {
            named = try account.session(environment: environment).pythonPackages()
        } catch {
            CommandOutput.error("\(error)")
            throw ExitCode(1)
        }
        let install = PythonInstallCommand.requirements(Self.basePackages + named + packages)
        let commands = [[python, "-m", "venv", target], [target + "/bin/python", "-m", "pip", "install", "--upgrade", "pip"],
                        [target + "/bin/python", "-m", "pip", "install"] + install]
        for command in commands {
            CommandOutput.line("+ " + command.joined(separator: " "))
            if dryRun { continue }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = command
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                CommandOutput.error("snowlite python install: `\(command.joined(separator: " "))` failed (\(process.terminationStatus)).")
                throw ExitCode(1)
            }
        }
        if !dryRun { CommandOutput.line("Python procedures now run with \(target)/bin/python.") }
    }

    /// The pip requirements for PACKAGES entries: `name` or `name==version` as Snowflake writes them,
    /// once each by name (the first version named wins), in order.
    static func requirements(_ entries: [String]) -> [String] {
        var seen = Set<String>()
        return entries.compactMap { entry in
            let text = entry.trimmingCharacters(in: .whitespaces)
            let name = String(text.prefix { !"=<>!~ ".contains($0) }).lowercased()
            guard !name.isEmpty, seen.insert(name).inserted else { return nil }
            return text
        }
    }
}
