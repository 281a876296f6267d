// FuzzTarget: the in-process entry point the fuzz harness drives. It runs one input through the
// whole front-end and engine — split into statements, parsed, printed back, translated and
// executed — on a scratch in-memory account of its own with a fixed clock and no network. Any
// error is an answer; only a dead process or a hang is a finding, and those the campaign
// (FuzzCampaign.swift) catches from outside.

import Foundation
import Egress
import Engine
import Snowlite
import SnowSQL

public struct FuzzOutcome: Sendable, Equatable {
    public var statements = 0
    public var errors = 0

    public init() {}
}

public final class FuzzTarget: Sendable {
    /// What every scratch account holds before the input runs: a database, a table of a few
    /// rows (a VARIANT column among them), a sequence, a stage, a view and a second role.
    static let setup = [
        "create database fuzz",
        "create table t (a int, b string, v variant, d date, n number(38, 2))",
        "insert into t select 1, 'x', parse_json('{\"a\": [1, 2, {\"b\": null}]}'), '2026-01-02', 1.5",
        "insert into t values (2, null, null, null, null), (-3, 'yy', null, '0001-01-01', -99999.99)",
        "create sequence seq",
        "create stage st",
        "create view tv as select a, b from t",
        "create role low",
        "grant usage on database fuzz to role low",
    ]

    /// The statement timeout every input runs under, so that a mutation's endless loop or
    /// trillion-row join is an error rather than a hang.
    public let statementTimeoutSeconds: Int
    /// The scratch account as `setup` leaves it; each input runs on a copy of its own.
    private let template: AccountStore

    public init(statementTimeoutSeconds: Int = 2) throws {
        self.statementTimeoutSeconds = statementTimeoutSeconds
        template = try Session.openAccount(path: ":memory:")
        let session = try FuzzTarget.session(on: template, database: nil)
        for statement in FuzzTarget.setup { _ = try session.execute(statement) }
        _ = try session.execute("alter account set statement_timeout_in_seconds = \(statementTimeoutSeconds)")
    }

    /// Runs every statement of `input` in order, whatever the earlier ones did.
    public func run(_ input: String) throws -> FuzzOutcome {
        let session = try scratchSession()
        var outcome = FuzzOutcome()
        for statement in StatementSplitter.split(input) where statement.kind == .sql {
            outcome.statements += 1
            // The printer must survive whatever the parser accepts.
            if let parsed = try? Parser.parseOne(statement.text) { _ = SQLPrinter.print(parsed.statement) }
            do { _ = try session.execute(statement.text) } catch { outcome.errors += 1 }
        }
        return outcome
    }

    private func scratchSession() throws -> Session {
        try FuzzTarget.session(on: try template.inMemoryCopy(), database: "FUZZ")
    }

    private static func session(on store: AccountStore, database: String?) throws -> Session {
        let fixed = Date(timeIntervalSince1970: 1_767_323_045)
        let wiring = Wiring(clock: { fixed }, transport: OfflineTransport(), sleep: { _ in }, sessionID: 1)
        var options = ConnectionOptions()
        options.database = database
        let session = try Snowlite.makeSession(store: store, options: options, wiring: wiring)
        // No Python workers: a fuzz input's CALL of a Python procedure fails at once, whatever the machine has.
        session.pythonRuntime = nil
        return session
    }
}

/// The network as a fuzz input sees it: nowhere to go.
struct OfflineTransport: HTTPTransport {
    func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        throw HTTPTransportError(.connect, "the fuzz harness has no network")
    }
}
