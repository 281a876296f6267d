// REPL: snowsql's interactive prompt. It reads lines until the text is a complete statement
// (`StatementSplitter.isComplete`: a `;` outside quotes, `$$` and comments, or a `!` command),
// runs it through the ClientSession, and starts over. Ctrl-C drops the text typed so far; Ctrl-D
// (or `!quit`, `!exit`) leaves. History is kept in `~/.snowsql/history`.
//
// Prompts [?]: the first line shows snowsql's `USER#WAREHOUSE@DATABASE.SCHEMA> `, with
// `(no warehouse)`, `(no database)` and `(no schema)` for what is not set. Continuation lines show
// blanks as wide as that prompt, ending in the same `> `, so typed text stays aligned.

import Foundation
import SnowSQL

public struct REPL {
    let session: ClientSession
    /// Reads one line with a prompt (readline in the real program, a script in tests).
    let readLine: (String) -> LineEditor.Input
    let addHistory: (String) -> Void
    /// Keeps the editor (and so its history file) alive as long as the loop.
    private let editor: LineEditor?

    /// The interactive loop over the terminal, with history in `$HOME/.snowsql/history`.
    public init(session: ClientSession, environment: [String: String]) {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let editor = LineEditor(historyPath: home + "/.snowsql/history")
        self.session = session
        self.editor = editor
        self.readLine = { editor.readLine(prompt: $0) }
        self.addHistory = { editor.addHistory($0) }
    }

    /// A loop over any source of lines (tests).
    public init(session: ClientSession, readLine: @escaping (String) -> LineEditor.Input,
                addHistory: @escaping (String) -> Void = { _ in }) {
        self.session = session
        self.editor = nil
        self.readLine = readLine
        self.addHistory = addHistory
    }

    /// The prompt of a new statement.
    public static func prompt(for session: ClientSession) -> String { session.prompt + " " }

    /// The prompt of a continuation line: blanks, then `> `, as wide as the first prompt.
    public static func continuationPrompt(width: Int) -> String {
        String(repeating: " ", count: max(0, width - 2)) + "> "
    }

    /// Runs until Ctrl-D or a command that leaves; returns how it ended.
    public func run() -> RunOutcome {
        var buffer = ""
        var firstPromptWidth = 0
        while true {
            let prompt: String
            if buffer.isEmpty {
                prompt = REPL.prompt(for: session)
                firstPromptWidth = prompt.count
            } else {
                prompt = REPL.continuationPrompt(width: firstPromptWidth)
            }
            switch readLine(prompt) {
            case .endOfInput:
                session.console.writeRaw("\n")
                return .proceed
            case .interrupted:
                buffer = ""
            case .line(let line):
                buffer += buffer.isEmpty ? line : "\n" + line
                guard StatementSplitter.isComplete(buffer) else { continue }
                let entry = buffer
                buffer = ""
                if entry.trimmingBlanks().isEmpty { continue }
                addHistory(entry)
                if case .exit(let code) = session.run(script: entry) { return .exit(code) }
            }
        }
    }
}
