// HybridLedgerTests (issue 20, item 10): the HybridLedger test app (`Applications/Apps/HybridLedger/`)
// keeps accounts and entries in hybrid tables of its own schema, created by its setup script and
// written by its procedures. The provider's script stages and packages it; the consumer's steps
// install it and call the procedures, twice with one key: the second CALL fails with Snowflake's
// duplicate-key error, a transfer with a bad row leaves none of its rows, and the balances show
// exactly what was kept.

import Foundation
import XCTest

@testable import Engine

final class HybridLedgerTests: EngineTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Applications/Apps/HybridLedger")
    var fixture: ApplicationFixture!

    override func setUpWithError() throws {
        try super.setUpWithError()
        fixture = try ApplicationFixture()
    }

    override func tearDownWithError() throws {
        fixture.remove()
        try super.tearDownWithError()
    }

    /// The statements of one of the app's scripts, comments dropped, split on `;` at line ends.
    static func statements(_ file: String) throws -> [String] {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("--") }
        return lines.joined(separator: "\n").components(separatedBy: ";\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            .map { $0.hasSuffix(";") ? String($0.dropLast()) : $0 }
    }

    func testConsumerCallsTheProceduresAndSeesSnowflakesKeyErrors() throws {
        // The provider: everything but the last statement, then the files, then ADD VERSION.
        let provider = try Self.statements("provider.sql")
        for statement in provider.dropLast() { try run(statement) }
        for file in ["manifest.yml", "setup.sql"] {
            let url = Self.folder.appendingPathComponent(file)
            try run("put 'file://\(url.path)' @ledger_dev.public.artifacts/v1 auto_compress = false overwrite = true")
        }
        try run(provider[provider.count - 1])

        // The consumer's steps, each with what it shows.
        let steps = try Self.statements("consumer.sql")
        // An error the procedure does not catch reaches the caller as Snowflake Scripting reports it.
        let uncaught = "200001 (22000): Uncaught exception of type 'STATEMENT_ERROR' on line 3 at position 2 : "
        let expected: [Outcome] = [
            .rows([["Application 'HYBRID_LEDGER' created successfully."]]),
            .rows([["Opened ACC-1"]]),
            .rows([["Opened ACC-2"]]),
            .error(uncaught + "Primary key already exists"),
            .error(uncaught + #"Duplicate key value violates unique constraint "SYS_INDEX_ACCOUNTS_UNIQUE_EMAIL""#),
            .rows([["Posted 1 and 2"]]),
            .rows([[#"Refused: 200009 Foreign key constraint "SYS_INDEX_ENTRIES_FOREIGN_KEY_ACCOUNT_ID_ACCOUNTS_ACCOUNT_ID" was violated."#]]),
            .rows([["Refused: 200001 Primary key already exists"]]),
            .rows([["ACC-1", "Ada", "-25.50", "1"], ["ACC-2", "Grace", "25.50", "1"]]),
            .rows([]),
        ]
        XCTAssertEqual(steps.count, expected.count)
        for (step, outcome) in zip(steps, expected) {
            switch outcome {
            case .rows(let rows): XCTAssertEqual(try cells(step), rows, step)
            case .error(let error): assertError(step, error)
            }
        }
        // The hybrid tables themselves stay inside the app: the consumer reads them only through its view.
        assertError(
            "select * from hybrid_ledger.data.accounts",
            "002003 (42S02): SQL compilation error:\nObject 'HYBRID_LEDGER.DATA.ACCOUNTS' does not exist or not authorized.")
    }

    /// What a consumer step shows: rows, or an error's `code (state): message`.
    enum Outcome {
        case rows([[String]])
        case error(String)
    }
}
