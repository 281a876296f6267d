// Console: the one place the client prints. Results, errors, messages and the timing line each
// go to standard output and, depending on the kind, to the `!spool` file and the `output_file`.
// Tests build a Console over a string buffer and compare the text.
//
// Choices [?]: errors from statements and client commands go to standard output, in line with
// the results, as snowsql shows them in its transcript; only failures before a session exists
// (unreadable config, unknown connection, account that cannot be opened) go to standard error.

import Foundation

public final class Console {
    /// What the kinds of text are, which decides where each one goes.
    public enum Kind {
        /// Tables and echoed statements: stdout (unless `quiet`), spool, output_file.
        case result
        /// `N Row(s) produced. Time Elapsed: …`: stdout (unless `quiet`), spool, output_file if `timing_in_output_file`.
        case timing
        /// Errors: stdout and spool, whatever `quiet` says.
        case error
        /// `!print` text: stdout and spool.
        case printed
        /// Banner, Goodbye, tables of `!help`/`!options`/`!variables`: stdout only.
        case message
    }

    private let standardOutput: (String) -> Void
    private let standardError: (String) -> Void
    private var spool: FileHandle?
    private var spoolPath: String?
    private var outputFile: FileHandle?
    private(set) var outputFilePath: String?
    public var quiet = false
    public var timingInOutputFile = false

    /// A console writing the process's standard output and error.
    public convenience init() {
        let failure = StandardOutputFailure()
        self.init(
            standardOutput: { text in
                let failed = writeAll(text, to: STDOUT_FILENO)
                guard failed != 0, !failure.said else { return }
                failure.said = true
                let reason = String(cString: strerror(failed))
                _ = writeAll("Could not write to standard output: \(reason)\n", to: STDERR_FILENO)
            },
            standardError: { _ = writeAll($0, to: STDERR_FILENO) })
    }

    public init(standardOutput: @escaping (String) -> Void, standardError: @escaping (String) -> Void) {
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    deinit {
        try? spool?.close()
        try? outputFile?.close()
    }

    /// Writes `text` and a newline to the destinations of its kind.
    public func write(_ text: String, as kind: Kind) {
        let line = text + "\n"
        switch kind {
        case .result:
            if !quiet { standardOutput(line) }
            toSpool(line)
            toOutputFile(line)
        case .timing:
            if !quiet { standardOutput(line) }
            toSpool(line)
            if timingInOutputFile { toOutputFile(line) }
        case .error, .printed:
            standardOutput(line)
            toSpool(line)
        case .message:
            standardOutput(line)
        }
    }

    /// Text without a newline (prompts of the line-less input path).
    public func writeRaw(_ text: String) { standardOutput(text) }

    /// A failure before any session exists.
    public func writeStandardError(_ text: String) { standardError(text + "\n") }

    // MARK: - Files

    /// A file that refuses a write (a full disk, say) is said on standard error and closed: the
    /// statements go on, and their output still reaches standard output.
    private func toSpool(_ line: String) {
        guard let handle = spool else { return }
        do { try handle.write(contentsOf: Data(line.utf8)) } catch {
            standardError("Could not write to the spool file \(spoolPath ?? ""): \(Console.reason(error)); spooling stopped.\n")
            try? handle.close()
            (spool, spoolPath) = (nil, nil)
        }
    }

    private func toOutputFile(_ line: String) {
        guard let handle = outputFile else { return }
        do { try handle.write(contentsOf: Data(line.utf8)) } catch {
            standardError("Could not write to the output file \(outputFilePath ?? ""): \(Console.reason(error)); it is no longer written.\n")
            try? handle.close()
            outputFile = nil
        }
    }

    /// The system's words for a failed write (`No space left on device`).
    static func reason(_ error: Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let underlying, underlying.domain == NSPOSIXErrorDomain, let text = strerror(Int32(underlying.code)) {
            return String(cString: text)
        }
        return error.localizedDescription
    }

    /// `!spool FILE` starts (appending), `!spool off` (nil) stops.
    public func spool(to path: String?) throws {
        try? spool?.close()
        (spool, spoolPath) = (nil, nil)
        if let path {
            spool = try Console.openForAppending(path)
            spoolPath = path
        }
    }

    /// Follows the `output_file` option; reopening the same path keeps the handle.
    public func setOutputFile(_ path: String?) throws {
        guard path != outputFilePath else { return }
        try? outputFile?.close()
        outputFile = nil
        outputFilePath = nil
        if let path {
            outputFile = try Console.openForAppending(path)
            outputFilePath = path
        }
    }

    static func openForAppending(_ path: String) throws -> FileHandle {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw ClientError("Could not open the file \(path) for writing")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw ClientError("Could not open the file \(path) for writing")
        }
        handle.seekToEndOfFile()
        return handle
    }
}

/// Writes all of `text`'s UTF-8 to the descriptor; the errno of a failed write, or 0. Straight to
/// write(2): FileHandle's write takes a Data, and making one of a String's UTF-8 (a cast to find
/// its contiguous bytes) scanned the program's conformances at its first use, in every start.
private func writeAll(_ text: String, to descriptor: Int32) -> Int32 {
    var text = text
    return text.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return 0
    }
}

/// Whether the process's standard output has already refused a write (said once, not per line).
private final class StandardOutputFailure {
    var said = false
}

/// A text buffer for tests and for capturing output.
public final class TextBuffer {
    public private(set) var text = ""
    public init() {}
    public func append(_ more: String) { text += more }
}
