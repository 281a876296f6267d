// IssueDesk (issue 19): a second native app of our own, written as a connector framework writes one
// (`Applications/IssueDesk/`): a status machine with RECOVER, prerequisites, a configuration wizard of
// SQL procedures answering OBJECT_CONSTRUCT('response_code', …), views over VARIANT configuration,
// SQL UDFs, a scheduler task, and a stream on a work queue drained by a dispatcher task that runs
// only WHEN SYSTEM$STREAM_HAS_DATA, every concern in a setup file pulled in with EXECUTE IMMEDIATE
// FROM and the initial state made by a CALL in the setup script. Each test stages, packages and
// installs it, and drives its procedures through their happy paths and their error paths as a
// consumer would (through the application roles ADMIN and VIEWER), asserting the exact responses;
// the last upgrades it to version 2 and checks that its state stayed.

import Foundation
import XCTest

@testable import Engine

final class IssueDeskTests: AccessControlTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("IssueDesk")
    var fixture: ApplicationFixture!

    override func setUpWithError() throws {
        try super.setUpWithError()
        fixture = try ApplicationFixture()
        try script(
            """
            create database d;
            create stage d.public.artifacts;
            create warehouse xs
            """)
        try fixture.addVersion("v1", files: try Self.files("v1"), package: "issue_desk_pkg", in: session)
        XCTAssertEqual(
            try status("create application issue_desk from application package issue_desk_pkg using version v1"),
            "Application 'ISSUE_DESK' created successfully.")
        try run("grant execute task on account to application issue_desk")
    }

    override func tearDownWithError() throws {
        fixture.remove()
        try super.tearDownWithError()
    }

    /// The files of `version/` by path; a later version's folder holds only what it adds or replaces.
    static func files(_ version: String) throws -> [String: String] {
        var files: [String: String] = [:]
        for folder in version == "v1" ? ["v1"] : ["v1", version] {
            let root = Self.folder.appendingPathComponent(folder)
            let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                guard url.pathExtension == "sql" || url.pathExtension == "yml" else { continue }
                let path = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
                files[path] = try String(contentsOf: url, encoding: .utf8)
            }
        }
        return files
    }

    /// A procedure's answer (one VARIANT or OBJECT) as compact JSON.
    func call(_ procedure: String) throws -> String {
        try run("call issue_desk.api.\(procedure)").rows[0][0].displayText(pretty: false) ?? "NULL"
    }

    func completePrerequisites() throws {
        XCTAssertEqual(try call("mark_prerequisite('grant_privileges', true)"), #"{"response_code":"OK"}"#)
        XCTAssertEqual(try call("mark_prerequisite('create_destination', true)"), #"{"response_code":"OK"}"#)
        XCTAssertEqual(try call("complete_prerequisites_step()"), #"{"response_code":"OK"}"#)
    }

    func configure() throws {
        try completePrerequisites()
        XCTAssertEqual(
            try call(
                """
                set_connector_configuration(parse_json('{"warehouse":"XS","destination_database":"DEST","page_size":100,"repositories":["octo/one","octo/two"]}'))
                """), #"{"response_code":"OK"}"#)
    }

    // MARK: - Install

    func testInstallRunsEverySetupFileAndTheInitialCall() throws {
        XCTAssertEqual(try call("get_status()"), #"{"status":"INSTALLED"}"#)
        XCTAssertEqual(
            try cells("select id, title, is_completed from issue_desk.api.prerequisites"),
            [
                ["grant_privileges", "Grant EXECUTE TASK to the application", "False"],
                ["create_destination", "Create the destination database", "False"],
            ])
        XCTAssertEqual(
            try cells("show procedures in application issue_desk").map { $0[1] }.sorted(),
            [
                "COMPLETE_PREREQUISITES_STEP", "GET_STATUS", "MARK_PREREQUISITE", "PAUSE_CONNECTOR", "RECOVER", "REPORT_ERROR",
                "SET_CONNECTOR_CONFIGURATION", "START_CONNECTOR",
            ])
        XCTAssertEqual(try cells("select status, reason from issue_desk.api.connector_status"), [["INSTALLED", "NULL"]])
        // What no application role was given stays inside.
        assertError("call issue_desk.api.set_status('STARTED', 'x')", missing("Procedure", "ISSUE_DESK.API.SET_STATUS"))
        assertError("select * from issue_desk.state.app_status", missing("Object", "ISSUE_DESK.STATE.APP_STATUS"))
        XCTAssertEqual(try cells("select issue_desk.api.page_count(250, 100)"), [["3"]])
    }

    // MARK: - The status machine

    func testErrorAndRecover() throws {
        XCTAssertEqual(try call("recover()"), #"{"message":"The connector is INSTALLED","response_code":"NOTHING_TO_RECOVER"}"#)
        try configure()
        XCTAssertEqual(try call("report_error('token expired')"), #"{"response_code":"OK"}"#)
        XCTAssertEqual(try call("get_status()"), #"{"before_error":"CONFIGURED","reason":"token expired","status":"ERROR"}"#)
        XCTAssertEqual(
            try call("start_connector()"),
            #"{"message":"Cannot go from ERROR to STARTED","response_code":"INVALID_STATUS_TRANSITION"}"#)
        XCTAssertEqual(try call("recover()"), #"{"message":"Recovered to CONFIGURED","response_code":"OK"}"#)
        XCTAssertEqual(try cells("select status, reason from issue_desk.api.connector_status"), [["CONFIGURED", "recovered"]])
    }

    func testRecoveringToAStatusTheMachineForbidsReportsTheTransition() throws {
        XCTAssertEqual(try call("report_error('broken at install')"), #"{"response_code":"OK"}"#)
        XCTAssertEqual(
            try call("recover()"),
            #"{"message":"Cannot go from RECOVERING to INSTALLED","response_code":"INVALID_STATUS_TRANSITION"}"#)
        XCTAssertEqual(try cells("select status from issue_desk.api.connector_status"), [["RECOVERING"]])
    }

    // MARK: - Prerequisites and the configuration wizard

    func testPrerequisitesStep() throws {
        XCTAssertEqual(
            try call("mark_prerequisite('nope', true)"),
            #"{"message":"There is no prerequisite nope","response_code":"PREREQUISITE_NOT_FOUND"}"#)
        XCTAssertEqual(try call("mark_prerequisite('grant_privileges', true)"), #"{"response_code":"OK"}"#)
        XCTAssertEqual(
            try call("complete_prerequisites_step()"),
            #"{"message":"1 prerequisite(s) left","response_code":"PREREQUISITES_NOT_COMPLETED"}"#)
        XCTAssertEqual(try call("mark_prerequisite('create_destination', true)"), #"{"response_code":"OK"}"#)
        XCTAssertEqual(try call("complete_prerequisites_step()"), #"{"response_code":"OK"}"#)
        XCTAssertEqual(try call("get_status()"), #"{"status":"PREREQUISITES_DONE"}"#)
        XCTAssertEqual(
            try call("complete_prerequisites_step()"),
            #"{"message":"Cannot go from PREREQUISITES_DONE to PREREQUISITES_DONE","response_code":"INVALID_STATUS_TRANSITION"}"#)
    }

    func testConfigurationWizardValidatesBeforeItKeeps() throws {
        let good = #"{"warehouse":"XS","destination_database":"DEST","repositories":["octo/one"]}"#
        XCTAssertEqual(
            try call("set_connector_configuration(parse_json('\(good)'))"),
            """
            {"message":"Configuring needs status PREREQUISITES_DONE or CONFIGURED, not INSTALLED","response_code":"INVALID_CONNECTOR_STATUS"}
            """)
        try completePrerequisites()
        for (config, answer) in [
            ("[1, 2]", #"{"message":"The configuration must be an object","response_code":"INVALID_CONFIGURATION"}"#),
            (#"{"warehouse":"XS"}"#, #"{"message":"warehouse and destination_database are required","response_code":"MISSING_PROPERTIES"}"#),
            (
                #"{"warehouse":"XS","destination_database":"DEST","page_size":500}"#,
                #"{"message":"page_size must be between 1 and 100","response_code":"INVALID_PAGE_SIZE"}"#
            ),
            (
                #"{"warehouse":"XS","destination_database":"DEST","repositories":[]}"#,
                #"{"message":"repositories must be a non-empty array","response_code":"INVALID_REPOSITORIES"}"#
            ),
        ] {
            XCTAssertEqual(try call("set_connector_configuration(parse_json('\(config)'))"), answer, config)
        }
        XCTAssertEqual(try cells("select count(*) from issue_desk.api.configuration"), [["0"]])
        XCTAssertEqual(try call("set_connector_configuration(parse_json('\(good)'))"), #"{"response_code":"OK"}"#)
        XCTAssertEqual(
            try cells("select warehouse, destination_database, page_size, repositories from issue_desk.api.configuration"),
            [["XS", "DEST", "50", "[\n  \"octo/one\"\n]"]])
        XCTAssertEqual(try call("get_status()"), #"{"reason":"configuration saved","status":"CONFIGURED"}"#)
        // Configuring again replaces the one row.
        XCTAssertEqual(
            try call(
                #"set_connector_configuration(parse_json('{"warehouse":"L","destination_database":"DEST","page_size":10,"repositories":["a/b"]}'))"#),
            #"{"response_code":"OK"}"#)
        XCTAssertEqual(try cells("select warehouse, page_size from issue_desk.api.configuration"), [["L", "10"]])
    }

    // MARK: - Scheduler, stream and dispatcher

    func testTheDispatcherRunsOnlyWhenTheWorkQueueStreamHasData() throws {
        try configure()
        XCTAssertEqual(try call("start_connector()"), #"{"response_code":"OK"}"#)
        // The tasks are the application's own: the consumer was granted nothing on them.
        XCTAssertEqual(try cells("show tasks in application issue_desk"), [])
        let start = clock.now
        // A minute on: the queue is empty, so the dispatcher's run is skipped.
        var runs = try session.runDueTasks(now: start.addingTimeInterval(60))
        XCTAssertEqual(runs.map(\.task), ["ISSUE_DESK.STATE.DISPATCHER"])
        XCTAssertEqual(runs.map(\.state), ["SKIPPED"])
        // An hour on: the scheduler queues both repositories.
        runs = try session.runDueTasks(now: start.addingTimeInterval(3600)).filter { $0.task.hasSuffix("SCHEDULER") }
        XCTAssertEqual(runs.map(\.state), ["SUCCEEDED"])
        XCTAssertEqual(try cells("select * from issue_desk.api.work_done"), [])
        // The next minute the dispatcher drains the stream: 250 issues in pages of 100.
        runs = try session.runDueTasks(now: start.addingTimeInterval(3660))
        XCTAssertEqual(runs.map(\.state), ["SUCCEEDED"])
        XCTAssertEqual(
            try cells("select resource_id, pages from issue_desk.api.work_done order by resource_id"),
            [["octo/one", "3"], ["octo/two", "3"]])
        // The stream's offset moved with the dispatcher's INSERT: nothing more to do.
        runs = try session.runDueTasks(now: start.addingTimeInterval(3720))
        XCTAssertEqual(runs.map(\.state), ["SKIPPED"])
        XCTAssertEqual(try cells("select count(*) from issue_desk.api.work_done"), [["2"]])
        XCTAssertEqual(try call("pause_connector()"), #"{"response_code":"OK"}"#)
        // Suspended: nothing runs any more, however much time passes.
        XCTAssertEqual(try session.runDueTasks(now: start.addingTimeInterval(3 * 3600)), [])
        XCTAssertEqual(try call("pause_connector()"), #"{"message":"Cannot go from PAUSED to PAUSED","response_code":"INVALID_STATUS_TRANSITION"}"#)
    }

    // MARK: - Upgrade

    func testUpgradeToVersionTwoKeepsTheState() throws {
        try configure()
        XCTAssertEqual(try call("start_connector()"), #"{"response_code":"OK"}"#)
        _ = try session.runDueTasks(now: clock.now.addingTimeInterval(3600))
        _ = try session.runDueTasks(now: clock.now.addingTimeInterval(3660))
        try fixture.addVersion("v2", files: try Self.files("v2"), package: "issue_desk_pkg", in: session)
        XCTAssertEqual(
            try status("alter application issue_desk upgrade using version v2"),
            "Application 'ISSUE_DESK' upgraded successfully.")
        XCTAssertEqual(try cells("show applications like 'ISSUE_DESK'").map { $0[8] }, ["V2"])
        // State kept: the status, the configuration, the prerequisites (merged, not doubled), the work done.
        XCTAssertEqual(try call("get_status()"), #"{"reason":"started","status":"STARTED"}"#)
        XCTAssertEqual(try cells("select count(*) from issue_desk.api.prerequisites"), [["2"]])
        XCTAssertEqual(try cells("select warehouse from issue_desk.api.configuration"), [["XS"]])
        // Version 2's reports: dynamic SQL into a RESULTSET, and a cursor opened with a bind.
        XCTAssertEqual(try cells("call issue_desk.api.work_summary(2)"), [["octo/one", "3"], ["octo/two", "3"]])
        XCTAssertEqual(try cells("call issue_desk.api.work_summary(4)"), [])
        XCTAssertEqual(try cells("call issue_desk.api.count_done('octo')"), [["2"]])
        XCTAssertEqual(try cells("call issue_desk.api.count_done('other')"), [["0"]])
    }
}
