// WorkerPool: a parent process (`worker.py --zygote`) that imports Snowpark once, so that a CALL
// does not: for each CALL it forks a worker, which connects to a Unix socket Snowlite listens on in
// the CALL's folder and from then on is the CALL's alone (it never runs a second handler, and is
// killed when its CALL ends), so no CALL sees another's state. The parent runs no handler code and
// holds no secret; it lives as long as the runtime that started it (its stdin closing ends it), in
// the same network namespace its workers then share. Started at the first CALL that can use it; a
// parent that cannot start (no Snowpark, an old Python) leaves CALLs to fresh workers, which report why.

import Foundation
import Synchronization

final class WorkerPool: Sendable {
    private let parent = Mutex<PoolParent?>(nil)
    private let unavailable = Mutex(false)

    /// A worker forked for the CALL whose folder is `folder`; nil when there is no pool to fork from.
    func worker(python: String, unshare: String?, folder: String) -> PythonWorker? {
        if unavailable.withLock({ $0 }) { return nil }
        return parent.withLock { parent -> PythonWorker? in
            if parent == nil {
                do {
                    parent = try PoolParent(python: python, unshare: unshare)
                } catch {
                    unavailable.withLock { $0 = true }
                    return nil
                }
            }
            do {
                return try parent!.fork(folder: folder)
            } catch {
                // A parent that no longer forks (it was killed): this CALL gets a fresh worker, the next a new parent.
                parent = nil
                return nil
            }
        }
    }
}

/// The pool's parent process and its control channel (stdin and stdout: one JSON line each way).
final class PoolParent: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let folder: String

    init(python: String, unshare: String?) throws {
        folder = try CallFolder.make(prefix: "snowlite-pool-")
        let script = folder + "/worker.py"
        try Data(WorkerScript.source.utf8).write(to: URL(fileURLWithPath: script))
        let (executable, arguments) = PythonWorker.command(python: python, script: script, arguments: ["--zygote"], unshare: unshare)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = PythonWorker.environment(folder: folder)
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        guard let ready = try readLine(timeout: 120), ready["ready"] as? Bool == true else {
            stop()
            throw WorkerFailure("the worker pool did not start")
        }
    }

    deinit { stop() }

    private func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? output.fileHandleForReading.close()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// One line of the parent's answers, waiting at most `timeout` seconds.
    private func readLine(timeout: Int32) throws -> [String: Any]? {
        var line = Data()
        var byte: UInt8 = 0
        let descriptor = output.fileHandleForReading.fileDescriptor
        while true {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, timeout * 1000) > 0, read(descriptor, &byte, 1) == 1 else { return nil }
            if byte == 0x0A { break }
            line.append(byte)
        }
        return try JSONSerialization.jsonObject(with: line) as? [String: Any]
    }

    /// Forks a worker that connects to `folder/channel.sock`, and accepts it.
    func fork(folder: String) throws -> PythonWorker {
        let path = folder + "/channel.sock"
        let listener = try UnixListener(path: path)
        defer { listener.close() }
        var request = try JSONSerialization.data(withJSONObject: ["channel": path])
        request.append(0x0A)
        try input.fileHandleForWriting.write(contentsOf: request)
        guard let answer = try readLine(timeout: 30), let pid = answer["pid"] as? Int else {
            throw WorkerFailure("the worker pool forked no worker")
        }
        guard let socket = listener.accept(timeout: 30) else {
            kill(pid_t(pid), SIGKILL)
            throw WorkerFailure("the forked worker did not connect to its channel")
        }
        return PythonWorker(pooled: pid_t(pid), socket: socket)
    }
}

/// A Unix socket listening at a path for one connection.
struct UnixListener {
    let descriptor: Int32
    let path: String

    init(path: String) throws {
        self.path = path
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard descriptor >= 0, bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw WorkerFailure("no channel socket could be made at \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { target in
            for (index, byte) in bytes.enumerated() { target[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0, listen(descriptor, 1) == 0 else {
            closeDescriptor(descriptor)
            throw WorkerFailure("no channel socket could be made at \(path)")
        }
    }

    /// The one connection, waiting at most `timeout` seconds.
    func accept(timeout: Int32) -> Int32? {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, timeout * 1000) > 0 else { return nil }
        let connection = acceptConnection(descriptor)
        return connection >= 0 ? connection : nil
    }

    func close() {
        closeDescriptor(descriptor)
        unlink(path)
    }
}

// The C functions, named apart from UnixListener's own methods.
private func closeDescriptor(_ descriptor: Int32) { _ = close(descriptor) }
private func acceptConnection(_ descriptor: Int32) -> Int32 { accept(descriptor, nil, nil) }
