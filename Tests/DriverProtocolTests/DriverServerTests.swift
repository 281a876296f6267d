// The driver protocol's routes end to end, in-process: logins (the default user, wrong
// passwords, gzipped bodies, the context asked for), queries answered in the JSON format with
// exact rowtype entries and cells, errors as HTTP 200 envelopes with Snowflake's code and
// SQLSTATE, bindings (one row and arrays), multi-statement requests and their children,
// asynchronous queries and monitoring, describe-only requests, token expiry, renewal and close.

import Foundation
import XCTest

final class DriverServerTests: XCTestCase {
    func testLoginAnswersTokensParametersAndContext() async throws {
        try await DriverHarness.run { driver in
            let answer = try await driver.login(query: "&roleName=SYSADMIN&warehouse=COMPUTE_WH")
            XCTAssertEqual(answer["success"] as? Bool, true)
            let data = answer.data
            XCTAssertEqual((data["token"] as? String)?.count, 64)
            XCTAssertEqual((data["masterToken"] as? String)?.count, 64)
            XCTAssertNotNil(data["sessionId"] as? Int)
            XCTAssertEqual(data["serverVersion"] as? String, "9.38.1")
            let info = try XCTUnwrap(data["sessionInfo"] as? [String: Any])
            XCTAssertEqual(info["roleName"] as? String, "SYSADMIN")
            XCTAssertEqual(info["warehouseName"] as? String, "COMPUTE_WH")
            XCTAssertTrue(info["databaseName"] is NSNull)
            let parameters = (data["parameters"] as? [[String: Any]] ?? []).reduce(into: [String: String]()) {
                $0[$1["name"] as? String ?? ""] = "\($1["value"] ?? "")"
            }
            XCTAssertEqual(parameters["CLIENT_STAGE_ARRAY_BINDING_THRESHOLD"], "0")
            XCTAssertEqual(parameters["TIMEZONE"], "UTC")
        }
    }

    func testWrongPasswordUnknownUserAndBadAccountAreRefused() async throws {
        try await DriverHarness.run { driver in
            for (user, password) in [("snowlite", "wrong"), ("nobody", "snowlite")] {
                let answer = try await driver.login(user: user, password: password)
                XCTAssertEqual(answer["success"] as? Bool, false)
                XCTAssertEqual(answer["code"] as? String, "390100")
                XCTAssertEqual(answer["message"] as? String, "Incorrect username or password was specified.")
                XCTAssertEqual(answer.data["sqlState"] as? String, "28000")
            }
            let bad = try await driver.login(account: "../etc")
            XCTAssertEqual(bad["code"] as? String, "250001")
            XCTAssertEqual(bad["message"] as? String,
                           "Account '../etc' is not a valid account name: use letters, digits, '_' and '-'.")
        }
    }

    func testAGzippedLoginBodyIsRead() async throws {
        try await DriverHarness.run { driver in
            let answer = try await driver.post("/session/v1/login-request", ["data": [
                "ACCOUNT_NAME": "test", "LOGIN_NAME": "SNOWLITE", "PASSWORD": "snowlite",
            ]], gzip: true)
            XCTAssertEqual(answer["success"] as? Bool, true)
        }
    }

    func testAQueryAnswersRowtypeCellsAndContext() async throws {
        try await DriverHarness.run { driver in
            let token = try await driver.token()
            let answer = try await driver.query("select 1 as n, 'x' as s, 1.50 as d, true as b, null as z", token: token)
            XCTAssertEqual(answer["success"] as? Bool, true)
            XCTAssertEqual(answer.rowset, [["1", "x", "1.50", "1", nil]])
            let data = answer.data
            XCTAssertEqual(data["total"] as? Int, 1)
            XCTAssertEqual(data["queryResultFormat"] as? String, "json")
            XCTAssertEqual(data["statementTypeId"] as? Int, 0x1000)
            XCTAssertNotNil(UUID(uuidString: data["queryId"] as? String ?? ""))
            XCTAssertEqual(data["finalRoleName"] as? String, "ACCOUNTADMIN")
            let rowtype = try XCTUnwrap(data["rowtype"] as? [[String: Any]])
            XCTAssertEqual(rowtype.map { $0["name"] as? String }, ["N", "S", "D", "B", "Z"])
            XCTAssertEqual(rowtype.map { $0["type"] as? String }, ["fixed", "text", "fixed", "boolean", "text"])
            XCTAssertEqual(rowtype[2]["scale"] as? Int, 2)
            for column in rowtype {
                for key in ["name", "type", "nullable", "length", "precision", "scale"] { XCTAssertNotNil(column[key], key) }
            }
        }
    }

    func testAnErrorIsAnEnvelopeWithCodeSQLStateAndQueryID() async throws {
        try await DriverHarness.run { driver in
            let token = try await driver.token()
            _ = try await driver.query("create database d", token: token)
            let answer = try await driver.query("select * from nope", token: token)
            XCTAssertEqual(answer["success"] as? Bool, false)
            XCTAssertEqual(answer["code"] as? String, "002003")
            XCTAssertEqual(answer["message"] as? String, "SQL compilation error:\nObject 'NOPE' does not exist or not authorized.")
            XCTAssertEqual(answer.data["sqlState"] as? String, "42S02")
            XCTAssertEqual(answer.data["errorCode"] as? String, "002003")
            XCTAssertNotNil(UUID(uuidString: answer.data["queryId"] as? String ?? ""))
            XCTAssertNil(answer.data["errorMessage"])
        }
    }

    func testBindingsOneRowAndArrays() async throws {
        try await DriverHarness.run { driver in
            let token = try await driver.token()
            _ = try await driver.query("create database d", token: token)
            _ = try await driver.query("create table t (a int, s string, d date)", token: token)
            let one = try await driver.query("insert into t values (?, ?, ?)", token: token, extra: ["bindings": [
                "1": ["type": "FIXED", "value": "1"], "2": ["type": "TEXT", "value": "it's"],
                "3": ["type": "DATE", "value": "1704067200000"],
            ]])
            XCTAssertEqual(one.rowset, [["1"]])
            XCTAssertEqual(one.data["statementTypeId"] as? Int, 0x3100)
            let many = try await driver.query("insert into t (a, s) values (:1, :2)", token: token, extra: ["bindings": [
                "1": ["type": "FIXED", "value": ["2", "3", "4"]], "2": ["type": "TEXT", "value": ["b", NSNull(), "d"]],
            ]])
            XCTAssertEqual(many.rowset, [["3"]])
            let rows = try await driver.query("select a, s, d from t order by a", token: token)
            XCTAssertEqual(rows.rowset, [["1", "it's", "19723"], ["2", "b", nil], ["3", nil, nil], ["4", "d", nil]])
            // A failing row in an array binding loses every row of it.
            let failed = try await driver.query("insert into t (a) values (?)", token: token, extra: ["bindings": [
                "1": ["type": "FIXED", "value": ["5", "x"]],
            ]])
            XCTAssertEqual(failed["success"] as? Bool, false)
            let count = try await driver.query("select count(*) from t", token: token)
            XCTAssertEqual(count.rowset, [["4"]])
        }
    }

    func testMultiStatementParentAndChildren() async throws {
        try await DriverHarness.run { driver in
            let token = try await driver.token()
            let refused = try await driver.query("select 1; select 2", token: token)
            XCTAssertEqual(refused["code"] as? String, "000008")
            XCTAssertEqual(refused["message"] as? String, "Actual statement count 2 did not match the desired statement count 1.")
            let parent = try await driver.query("select 1; select 'two'", token: token,
                                                extra: ["parameters": ["MULTI_STATEMENT_COUNT": 2]])
            XCTAssertEqual(parent.data["statementTypeId"] as? Int, 0xA000)
            XCTAssertEqual(parent.rowset, [["Multiple statements executed successfully."]])
            let ids = (parent.data["resultIds"] as? String ?? "").split(separator: ",").map(String.init)
            XCTAssertEqual(ids.count, 2)
            XCTAssertEqual(parent.data["resultTypes"] as? String, "4096,4096")
            let second = try await driver.get("/queries/\(ids[1])/result", token: token)
            XCTAssertEqual(second.rowset, [["two"]])
        }
    }

    func testAsyncQueryMonitoringAndResult() async throws {
        try await DriverHarness.run { driver in
            let token = try await driver.token()
            let accepted = try await driver.query("select 42", token: token, extra: ["asyncExec": true])
            XCTAssertEqual(accepted["code"] as? String, "333334")
            let id = try XCTUnwrap(accepted.data["queryId"] as? String)
            let result = try await driver.get("/queries/\(id)/result", token: token)
            XCTAssertEqual(result.rowset, [["42"]])
            let status = try await driver.get("/monitoring/queries//\(id)", token: token)
            let queries = status.data["queries"] as? [[String: Any]] ?? []
            XCTAssertEqual(queries.first?["status"] as? String, "SUCCESS")
            let unknown = try await driver.get("/monitoring/queries/\(UUID().uuidString)", token: token)
            XCTAssertEqual((unknown.data["queries"] as? [Any])?.count, 0)
        }
    }

    func testDescribeOnlyRunsNothing() async throws {
        try await DriverHarness.run { driver in
            let token = try await driver.token()
            _ = try await driver.query("create database d", token: token)
            _ = try await driver.query("create table t (a number(10,2))", token: token)
            let described = try await driver.query("insert into t values (?)", token: token, extra: ["describeOnly": true])
            XCTAssertEqual(described.data["numberOfBinds"] as? Int, 1)
            XCTAssertEqual(described.data["arrayBindSupported"] as? Bool, true)
            let select = try await driver.query("select a from t", token: token, extra: ["describeOnly": true])
            let rowtype = select.data["rowtype"] as? [[String: Any]] ?? []
            XCTAssertEqual(rowtype.first?["precision"] as? Int, 10)
            XCTAssertEqual(select.rowset, [])
            let count = try await driver.query("select count(*) from t", token: token)
            XCTAssertEqual(count.rowset, [["0"]])
        }
    }

    func testExpiredTokenRenewalAndClose() async throws {
        try await DriverHarness.run(sessionValidity: 60) { driver in
            let login = try await driver.login().data
            let token = try XCTUnwrap(login["token"] as? String), master = try XCTUnwrap(login["masterToken"] as? String)
            driver.clock.advance(61)
            let expired = try await driver.query("select 1", token: token)
            XCTAssertEqual(expired["code"] as? String, "390112")
            let renewed = try await driver.post("/session/token-request", ["oldSessionToken": token, "requestType": "RENEW"],
                                                token: master)
            let fresh = try XCTUnwrap(renewed.data["sessionToken"] as? String)
            XCTAssertNotEqual(fresh, token)
            let answer = try await driver.query("select 1", token: fresh)
            XCTAssertEqual(answer.rowset, [["1"]])
            _ = try await driver.post("/session?delete=true", [:], token: fresh)
            let closed = try await driver.query("select 1", token: fresh)
            XCTAssertEqual(closed["code"] as? String, "390104")
        }
    }
}
