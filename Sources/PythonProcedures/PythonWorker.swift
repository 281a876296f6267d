// PythonWorker: one worker process for one CALL. It is started with a scrubbed environment (no
// user variables, no HOME with connection files, no SNOWFLAKE_*), the worker program on its
// command line and nothing else: the handler, arguments and the CALL's token come over its stdin.
// Its stdin and stdout are the channel, one JSON object a line (WorkerScript keeps print() off
// it); its stderr is discarded, so nothing the handler prints reaches Snowlite's output or logs.
// Where unprivileged user namespaces work (Linux), the worker runs in a network namespace of its
// own (`unshare --user --map-root-user --net`): its only way out is the channel, whatever it does.

import Foundation

final class PythonWorker: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private var buffer = Data()

    /// Starts `python worker.py` in `folder`, inside a network namespace when `isolated`.
    init(python: String, script: String, folder: String, isolated: Bool, unshare: String?) throws {
        if isolated, let unshare {
            process.executableURL = URL(fileURLWithPath: unshare)
            process.arguments = ["--user", "--map-root-user", "--net", "--", python, "-I", "-u", script]
        } else {
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = ["-I", "-u", script]
        }
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = [
            "PATH": "/usr/bin:/bin", "HOME": folder, "TMPDIR": folder, "LANG": "C.UTF-8",
            "PYTHONDONTWRITEBYTECODE": "1", "PYTHONNOUSERSITE": "1", "SNOWFLAKE_DISABLE_PLATFORM_DETECTION": "true",
        ]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// Writes one message to the worker.
    func send(_ message: [String: Any]) throws {
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(0x0A)
        try input.fileHandleForWriting.write(contentsOf: data)
    }

    /// The next message from the worker; nil when it closed its end (it exited). `check` runs
    /// every 100 ms while nothing arrives: it throws to stop waiting (a timeout, a cancel).
    func receive(check: () throws -> Void) throws -> [String: Any]? {
        let descriptor = output.fileHandleForReading.fileDescriptor
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[buffer.index(after: newline)...])
                guard let message = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else {
                    throw WorkerFailure("it wrote something that is not a message of its channel")
                }
                return message
            }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 100)
            try check()
            guard ready > 0 else { continue }
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { return nil }
            buffer.append(chunk)
        }
    }

    /// Kills the worker (and whatever it started in its process group) and waits for it.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        try? output.fileHandleForReading.close()
    }

    var exitDescription: String {
        guard !process.isRunning else { return "it is still running" }
        return process.terminationReason == .uncaughtSignal
            ? "it was killed by signal \(process.terminationStatus)"
            : "it exited with status \(process.terminationStatus)"
    }
}

/// The worker broke the channel's rules or ended early; the CALL reports it.
struct WorkerFailure: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
