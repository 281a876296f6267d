// ApplicationFixture: stages an application's files and adds them as a version of a package, the
// way `make deploy` does, for the tests of applications, references and external access. The
// files are written to a scratch folder, PUT on @D.PUBLIC.ARTIFACTS/<version>, and added with
// ALTER APPLICATION PACKAGE … ADD VERSION; the session must be able to do all three.

import Foundation
import XCTest
@testable import Engine

struct ApplicationFixture {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("application-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Writes `files` (path → text) under `version/`, stages them and adds version `version` to
    /// `package` (created when missing), in `session`.
    func addVersion(_ version: String, files: [String: String], package: String = "pkg", stage: String = "d.public.artifacts",
                    in session: Session) throws {
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            let url = folder.appendingPathComponent(version).appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            let target = ([version] + path.split(separator: "/").dropLast().map(String.init)).joined(separator: "/")
            _ = try session.execute("put 'file://\(url.path)' @\(stage)/\(target) auto_compress = false overwrite = true")
        }
        _ = try session.execute("create application package if not exists \(package)")
        _ = try session.execute("alter application package \(package) add version \(version) using '@\(stage)/\(version)'")
    }
}
