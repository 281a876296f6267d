// AuthenticationTests: the password check of a driver login (Session+Authentication). A new
// account's SNOWLITE user logs in with `snowlite` until its password is set; users created with
// PASSWORD log in with theirs, case-insensitively by name; ALTER USER changes and unsets it; a
// dropped user's password goes with it; every refusal is the same 390100. The catalog keeps only
// a salted scrypt hash, which no SHOW, DESCRIBE or INFORMATION_SCHEMA view prints.

import Foundation
import Security
import XCTest
@testable import Engine

final class AuthenticationTests: EngineTestCase {
    let now = Date(timeIntervalSince1970: 1_767_225_600)

    func authenticate(_ user: String, _ password: String) throws -> String {
        try Session.authenticate(store: session.store, user: user, password: password, now: now)
    }

    func assertRefused(_ user: String, _ password: String, line: UInt = #line) {
        XCTAssertThrowsError(try authenticate(user, password), line: line) { error in
            XCTAssertEqual("\(error)", "390100 (28000): Incorrect username or password was specified.", line: line)
        }
    }

    func testTheDefaultUserHasTheDefaultPasswordUntilItIsSet() throws {
        XCTAssertEqual(try authenticate("snowlite", "snowlite"), "SNOWLITE")
        assertRefused("snowlite", "Snowlite")
        assertRefused("tester", "snowlite")  // a user without a password cannot log in by password
        try run("alter user snowlite set password = 'changed'")
        assertRefused("snowlite", "snowlite")
        XCTAssertEqual(try authenticate("SnowLite", "changed"), "SNOWLITE")
    }

    func testCreatedUsersLogInWithTheirPasswordWhichChangesAndGoes() throws {
        XCTAssertEqual(try status("create user alice password = 'pw1' default_role = public"), "User ALICE successfully created.")
        XCTAssertEqual(try authenticate("alice", "pw1"), "ALICE")
        assertRefused("alice", "pw2")
        assertRefused("bob", "pw1")
        try run("alter user alice set password = 'pw2'")
        assertRefused("alice", "pw1")
        XCTAssertEqual(try authenticate("ALICE", "pw2"), "ALICE")
        try run("alter user alice unset password")
        assertRefused("alice", "pw2")
        try run("alter user alice set password = 'pw3'")
        try run("drop user alice")
        try run("create user alice")
        assertRefused("alice", "pw3")
    }

    func testOnlyASaltedHashIsKeptAndNothingShowsIt() throws {
        try run("create user alice password = 'secret-pw'")
        try run("create user bob password = 'secret-pw'")
        let hashes = try session.store.queue.read { db in
            try ["ALICE", "BOB"].map { try Catalog(db: db).passwordHash(user: $0) }
        }
        let (alice, bob) = (try XCTUnwrap(hashes[0]), try XCTUnwrap(hashes[1]))
        XCTAssertNotEqual(alice.salt, bob.salt)
        XCTAssertNotEqual(alice.hash, bob.hash)
        XCTAssertFalse(alice.stored.contains("secret-pw"))
        XCTAssertTrue(alice.matches("secret-pw"))
        XCTAssertFalse(alice.matches("secret-pW"))
        for sql in ["show users"] {
            let text = try run(sql).rows.flatMap { $0.compactMap { $0.displayText() } }.joined(separator: " ")
            XCTAssertTrue(text.contains("ALICE"), sql)
            XCTAssertFalse(text.contains("secret-pw"), sql)
            XCTAssertFalse(text.contains(alice.stored), sql)
        }
    }

    func testThePasswordHashFormReadsBack() throws {
        let hash = try PasswordHash.make(password: "x", logRounds: 4)
        XCTAssertEqual(PasswordHash(stored: hash.stored), hash)
        XCTAssertTrue(hash.stored.hasPrefix("scrypt$4$8$1$"))
        XCTAssertNil(PasswordHash(stored: "plain"))
        XCTAssertNil(PasswordHash(stored: "scrypt$40$8$1$AAAA$AAAA"))
    }
}
