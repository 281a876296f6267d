// LifecycleAppTestCase: the base of the ApplicationLifecycle tests. Each runs one test app of
// `Applications/Apps/<Name>/` (issue 20): its version folders are staged on @D.PUBLIC.ARTIFACTS/<folder>
// with PUT, its `provider.sql` is run statement by statement, and the tests then act as the consumer
// and the provider would, asserting every answer.

import Foundation
import XCTest

@testable import Engine

class LifecycleAppTestCase: AccessControlTestCase {
    /// The app's folder name under Applications/Apps.
    class var app: String { "" }
    var scratch: URL!

    static var appsFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Applications/Apps")
    }

    override func setUpWithError() throws {
        try super.setUpWithError()
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("lifecycle-app-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try script("create database d;\ncreate stage d.public.artifacts;\ncreate warehouse xs")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
        try super.tearDownWithError()
    }

    /// The text of a file of the app (`provider.sql`, `v1/setup.sql`).
    func appFile(_ path: String) throws -> String {
        try String(contentsOf: Self.appsFolder.appendingPathComponent(Self.app).appendingPathComponent(path), encoding: .utf8)
    }

    /// PUTs every file of the app's `folder` on @d.public.artifacts/<folder>.
    func stage(_ folder: String) throws {
        let root = Self.appsFolder.appendingPathComponent(Self.app).appendingPathComponent(folder)
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard ["sql", "yml"].contains(url.pathExtension) else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            let copy = scratch.appendingPathComponent(folder).appendingPathComponent(path)
            try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: url, to: copy)
            let target = ([folder] + path.split(separator: "/").dropLast().map(String.init)).joined(separator: "/")
            try run("put 'file://\(copy.path)' @d.public.artifacts/\(target) auto_compress = false overwrite = true")
        }
    }

    /// Runs `provider.sql`, each statement's answer a status or a version row.
    func runProviderScript() throws {
        try script(try appFile("provider.sql"))
    }

    /// DESCRIBE APPLICATION's value for `property`.
    func describe(_ application: String, _ property: String) throws -> String? {
        try cells("desc application \(application)").first { $0[0] == property }?[1]
    }
}
