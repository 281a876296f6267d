// LineEditor: GNU readline behind a small Swift class — line editing, history kept in a file
// (`~/.snowsql/history`), and Ctrl-C that cancels the line being typed instead of killing the
// process. The only file that imports CReadline; no C pointer leaves it.
//
// Ctrl-C is handled in Sources/CReadline/shim.h: an async-signal-safe SIGINT handler sets a flag,
// the interrupted read hands readline a newline, and `readLine` reports `.interrupted`.

import CReadline
import Foundation

public final class LineEditor {
    /// What one call to `readLine` produced.
    public enum Input: Equatable {
        case line(String)
        /// Ctrl-C: the line typed so far is dropped.
        case interrupted
        /// Ctrl-D on an empty line, or the end of the input.
        case endOfInput
    }

    private let historyPath: String?
    private var lastHistoryEntry: String?

    /// Sets readline up and loads the history file (created, with its folder, when first written).
    public init(historyPath: String?) {
        self.historyPath = historyPath
        _ = snowlite_readline_setup()
        using_history()
        if let historyPath, FileManager.default.fileExists(atPath: historyPath) {
            _ = read_history(historyPath)
        }
    }

    deinit {
        saveHistory()
    }

    /// Shows `prompt` and reads one line.
    public func readLine(prompt: String) -> Input {
        _ = snowlite_take_interrupt()  // a Ctrl-C pressed while a statement ran is forgotten
        guard let raw = readline(prompt) else {
            return snowlite_take_interrupt() != 0 ? .interrupted : .endOfInput
        }
        defer { free(raw) }
        if snowlite_take_interrupt() != 0 {
            return .interrupted
        }
        return .line(String(cString: raw))
    }

    /// Adds an entry to the history (not blanks, not a repeat of the last entry).
    public func addHistory(_ entry: String) {
        let trimmed = entry.trimmingBlanks()
        guard !trimmed.isEmpty, trimmed != lastHistoryEntry else { return }
        add_history(trimmed)
        lastHistoryEntry = trimmed
    }

    /// Writes the history file, creating its folder when needed.
    public func saveHistory() {
        guard let historyPath else { return }
        let folder = (historyPath as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        _ = write_history(historyPath)
        _ = history_truncate_file(historyPath, 1000)
    }
}
