// StatementKind: the one place that says how the session runs a statement — outside any one
// transaction, as transaction control, as a read (a query cacheable, other reads not) or as a
// write (DDL committing an open transaction first).

import SnowSQL
import XCTest
@testable import Engine

final class StatementKindTests: XCTestCase {
    private func kind(_ text: String) throws -> StatementKind {
        StatementKind(of: try Parser.parseOne(text).statement)
    }

    func testEachStatementHasOneKind() throws {
        let expected: [(String, StatementKind)] = [
            ("begin select 1; end", .sessionLevel),
            ("call p()", .sessionLevel),
            ("execute immediate 'select 1'", .sessionLevel),
            ("execute task t", .sessionLevel),
            ("begin transaction", .transactionControl),
            ("commit", .transactionControl),
            ("rollback", .transactionControl),
            ("select 1", .read(cacheable: true)),
            ("with a as (select 1) select * from a", .read(cacheable: true)),
            ("set v = 1", .read(cacheable: false)),
            ("use database d", .read(cacheable: false)),
            ("show tables", .read(cacheable: false)),
            ("show grants to role r", .read(cacheable: false)),
            ("list @s", .read(cacheable: false)),
            ("create table t (a int)", .write(commitsOpenTransaction: true)),
            ("drop table t", .write(commitsOpenTransaction: true)),
            ("grant usage on database d to role r", .write(commitsOpenTransaction: true)),
            ("create procedure p() returns int language sql as 'select 1'", .write(commitsOpenTransaction: true)),
            ("alter account set log_level = info", .write(commitsOpenTransaction: true)),
            ("insert into t values (1)", .write(commitsOpenTransaction: false)),
            ("merge into t using s on t.a = s.a when matched then delete", .write(commitsOpenTransaction: false)),
            ("remove @s", .write(commitsOpenTransaction: false)),
            ("create task t as select 1", .write(commitsOpenTransaction: false)),
            ("create secret s type = generic_string secret_string = 'x'", .write(commitsOpenTransaction: false)),
        ]
        for (text, kind) in expected {
            XCTAssertEqual(try self.kind(text), kind, text)
        }
    }
}
