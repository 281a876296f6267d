// PythonWorker: the worker process of one CALL, and its channel: JSON lines both ways (WorkerScript
// keeps print() off it). A worker is either forked by the runtime's pool (WorkerPool.swift) from a
// parent that has already imported Snowpark, its channel a Unix socket Snowlite listens on for that
// CALL alone; or, where there is no pool, started afresh with the channel on its stdin and stdout.
// Either way it starts from a scrubbed environment (no user variables, no HOME with connection files,
// no SNOWFLAKE_*), the handler, arguments and token come over the channel (never argv or the
// environment), its stderr is discarded, and it is killed when the CALL ends.

import Foundation

final class PythonWorker {
    private let readDescriptor: Int32
    private let writeDescriptor: Int32
    private let pid: pid_t
    /// The fresh worker's process and pipes (nil for a pooled one, which its pool's parent reaps).
    private let process: Process?
    private let pipes: [Pipe]
    private var buffer = Data()
    /// How much of `buffer` is known to hold no newline.
    private var scanned = 0
    /// The most one message may hold: a statement is at most 16 MB, and a request carries one
    /// statement or one HTTP body; more is a worker flooding Snowlite's memory.
    static let largestMessage = 256 * 1_048_576

    /// The environment every worker starts from.
    static func environment(folder: String) -> [String: String] {
        [
            "PATH": "/usr/bin:/bin", "HOME": folder, "TMPDIR": folder, "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONNOUSERSITE": "1", "SNOWFLAKE_DISABLE_PLATFORM_DETECTION": "true",
        ]
    }

    /// `python -I -u script [arguments]`, inside a network namespace of its own when `unshare` is given.
    static func command(python: String, script: String, arguments: [String] = [], unshare: String?) -> (String, [String]) {
        let python = [python, "-I", "-u", script] + arguments
        guard let unshare else { return (python[0], Array(python.dropFirst())) }
        return (unshare, ["--user", "--map-root-user", "--net", "--"] + python)
    }

    /// Starts a fresh `python worker.py` in `folder`, its channel on stdin and stdout.
    init(python: String, script: String, folder: String, unshare: String?) throws {
        let process = Process()
        let (executable, arguments) = PythonWorker.command(python: python, script: script, unshare: unshare)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = PythonWorker.environment(folder: folder)
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        pipes = [input, output]
        pid = process.processIdentifier
        readDescriptor = output.fileHandleForReading.fileDescriptor
        writeDescriptor = input.fileHandleForWriting.fileDescriptor
    }

    /// A worker the pool forked, connected on `socket`.
    init(pooled pid: pid_t, socket: Int32) {
        self.pid = pid
        process = nil
        pipes = []
        readDescriptor = socket
        writeDescriptor = socket
    }

    /// Writes one message to the worker.
    func send(_ message: [String: Any]) throws {
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(0x0A)
        try data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(writeDescriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { throw WorkerFailure("its channel closed while Snowlite was answering") }
                offset += written
            }
        }
    }

    /// The next message from the worker; nil when it closed its end (it exited). `check` runs
    /// every 100 ms while nothing arrives: it throws to stop waiting (a timeout, a cancel).
    func receive(check: () throws -> Void) throws -> [String: Any]? {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            // Only what arrived since the last look is searched: a long message is scanned once.
            if let newline = buffer[buffer.index(buffer.startIndex, offsetBy: scanned)...].firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[buffer.index(after: newline)...])
                scanned = 0
                guard let message = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else {
                    throw WorkerFailure("it wrote something that is not a message of its channel")
                }
                return message
            }
            var poller = pollfd(fd: readDescriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 100)
            try check()
            guard ready > 0 else { continue }
            let count = read(readDescriptor, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            scanned = buffer.count
            buffer.append(contentsOf: chunk[0..<count])
            guard buffer.count <= PythonWorker.largestMessage else {
                throw WorkerFailure("it sent a message larger than \(PythonWorker.largestMessage / 1_048_576) MB")
            }
        }
    }

    /// Kills the worker and lets its channel go.
    func stop() {
        if let process {
            if process.isRunning { kill(pid, SIGKILL) }
            process.waitUntilExit()
            for pipe in pipes {
                try? pipe.fileHandleForReading.close()
                try? pipe.fileHandleForWriting.close()
            }
        } else {
            kill(pid, SIGKILL)
            close(readDescriptor)
        }
    }

    var exitDescription: String {
        guard let process else { return "it closed its channel" }
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
