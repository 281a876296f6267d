// HeadlessChromium: Debian's `chromium`, headless, driven as a person would use the dashboard —
// through the DevTools protocol over `--remote-debugging-pipe` (JSON messages ending in NUL on
// file descriptors 3 and 4, no network port, no extra package): open a page, fill a form's fields,
// click its button, wait for the next page, save a screenshot. `dumpDOM` is the separate
// `chromium --headless --dump-dom URL` whose output the browser test asserts on. Every wait is
// bounded; a browser that does not answer in time fails the test instead of hanging it.

import Foundation
#if canImport(Glibc)
import Glibc
#endif

final class HeadlessChromium {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Where Debian installs it, or nil when it is not installed.
    static func locate() -> String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func arguments(profile: URL) -> [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
         "--window-size=1280,1400", "--user-data-dir=\(profile.path)"]
    }

    private let pid: pid_t
    private let commands: FileHandle
    private let events: FileHandle
    private var buffer = Data()
    private var nextID = 0
    private var sessionID = ""

    /// Starts the browser with an empty profile in `profile` and attaches to its first tab.
    init(path: String, profile: URL) throws {
        var toBrowser: [Int32] = [0, 0], fromBrowser: [Int32] = [0, 0]
        guard pipe(&toBrowser) == 0, pipe(&fromBrowser) == 0 else { throw Failure(description: "pipe() failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toBrowser[0], 3)
        posix_spawn_file_actions_adddup2(&actions, fromBrowser[1], 4)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + Self.arguments(profile: profile) + ["--remote-debugging-pipe", "about:blank"]).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        var spawned: pid_t = 0
        let status = posix_spawn(&spawned, path, &actions, nil, argv + [nil], environ)
        close(toBrowser[0])
        close(fromBrowser[1])
        guard status == 0 else { throw Failure(description: "posix_spawn \(path) failed: \(status)") }
        pid = spawned
        commands = FileHandle(fileDescriptor: toBrowser[1], closeOnDealloc: true)
        events = FileHandle(fileDescriptor: fromBrowser[0], closeOnDealloc: true)

        let targets = try send("Target.getTargets")["targetInfos"] as? [[String: Any]] ?? []
        guard let page = targets.first(where: { $0["type"] as? String == "page" })?["targetId"] as? String else {
            throw Failure(description: "chromium opened no page")
        }
        sessionID = try send("Target.attachToTarget", ["targetId": page, "flatten": true])["sessionId"] as? String ?? ""
    }

    deinit {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    /// Opens `url` and waits until it has loaded.
    func open(_ url: String) throws {
        _ = try send("Page.navigate", ["url": url], inPage: true)
        try waitFor("document.readyState === 'complete' && location.href === \(Self.quoted(url))")
    }

    /// Sets each field of the form that `button` submits, clicks it, and waits for the page that answers.
    func submit(button: String, fields: [String: String]) throws {
        let before = try evaluate("String(performance.timeOrigin)")
        var script = "const b = document.querySelector(\(Self.quoted(button))); const f = b.form;"
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            script += " f.elements[\(Self.quoted(name))].value = \(Self.quoted(value));"
        }
        _ = try evaluate(script + " b.click(); 'submitted'")
        try waitFor("String(performance.timeOrigin) !== \(Self.quoted(before as? String ?? "")) && document.readyState === 'complete'")
    }

    /// Waits until `condition` (a JavaScript expression) is true in the page, reloading it every
    /// second meanwhile if `reloading`; fails after `seconds`.
    func waitFor(_ condition: String, reloading: Bool = false, seconds: Double = 30) throws {
        let deadline = Date().addingTimeInterval(seconds)
        var reloaded = Date()
        while Date() < deadline {
            if (try? evaluate(condition)) as? Bool == true { return }
            Thread.sleep(forTimeInterval: 0.1)
            if reloading, Date().timeIntervalSince(reloaded) > 1 {
                _ = try? evaluate("location.reload(); true")
                reloaded = Date()
            }
        }
        throw Failure(description: "timed out after \(seconds) s waiting for \(condition)")
    }

    /// The value of a JavaScript expression in the page.
    func evaluate(_ expression: String) throws -> Any? {
        let result = try send("Runtime.evaluate", ["expression": expression, "returnByValue": true], inPage: true)
        if let exception = result["exceptionDetails"] { throw Failure(description: "\(expression) threw \(exception)") }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Saves the whole page as a PNG at `file`.
    func screenshot(_ file: URL) throws {
        let result = try send("Page.captureScreenshot", ["format": "png", "captureBeyondViewport": true], inPage: true)
        guard let base64 = result["data"] as? String, let png = Data(base64Encoded: base64) else {
            throw Failure(description: "chromium returned no screenshot")
        }
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try png.write(to: file)
    }

    /// `chromium --headless --dump-dom url`: the DOM after the page has loaded.
    static func dumpDOM(path: String, url: String, profile: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments(profile: profile) + ["--dump-dom", url]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: - The protocol

    /// Sends one command and returns its result, skipping the events that arrive meanwhile.
    private func send(_ method: String, _ parameters: [String: Any] = [:], inPage: Bool = false) throws -> [String: Any] {
        nextID += 1
        var message: [String: Any] = ["id": nextID, "method": method, "params": parameters]
        if inPage { message["sessionId"] = sessionID }
        commands.write(try JSONSerialization.data(withJSONObject: message) + Data([0]))
        while true {
            let reply = try readMessage()
            guard reply["id"] as? Int == nextID else { continue }
            if let error = reply["error"] { throw Failure(description: "\(method) failed: \(error)") }
            return reply["result"] as? [String: Any] ?? [:]
        }
    }

    private func readMessage() throws -> [String: Any] {
        while true {
            if let end = buffer.firstIndex(of: 0) {
                let message = buffer[buffer.startIndex..<end]
                buffer = Data(buffer[buffer.index(after: end)...])
                return try JSONSerialization.jsonObject(with: message) as? [String: Any] ?? [:]
            }
            var ready = pollfd(fd: events.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 30_000) == 1 else { throw Failure(description: "chromium did not answer within 30 s") }
            let chunk = events.availableData
            guard !chunk.isEmpty else { throw Failure(description: "chromium closed its DevTools pipe") }
            buffer.append(chunk)
        }
    }

    static func quoted(_ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: text, options: [.fragmentsAllowed]), as: UTF8.self)
    }
}
