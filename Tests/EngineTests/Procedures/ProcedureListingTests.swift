// INFORMATION_SCHEMA.PROCEDURES (issue 19, item 6): one row per procedure the role may see, with
// Snowflake's columns; the definition only for the owner role; a role with USAGE on one procedure
// sees that one and not the others. A procedure created without a comment has Snowflake's default
// one, `user-defined procedure` (as SHOW PROCEDURES' description shows it).
// https://docs.snowflake.com/en/sql-reference/info-schema/procedures

import XCTest

@testable import Engine

final class ProcedureListingTests: AccessControlTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try script(
            """
            create database d;
            create procedure add_one(n number(10, 2)) returns number(12, 2) language sql as 'begin return n + 1; end';
            create procedure greet(who string, loud boolean) returns varchar(40) language sql comment = 'says hello'
              as 'begin return ''hi '' || who; end';
            create procedure hidden() returns string language sql as 'begin return 1; end';
            grant usage on database d to role analyst;
            grant usage on schema d.public to role analyst;
            grant usage on procedure d.public.greet(string, boolean) to role analyst
            """)
    }

    func testColumnsAndRowsForTheOwner() throws {
        let result = try run("select * from d.information_schema.procedures order by procedure_name")
        XCTAssertEqual(
            result.columns.map(\.name),
            [
                "PROCEDURE_CATALOG", "PROCEDURE_SCHEMA", "PROCEDURE_NAME", "PROCEDURE_OWNER", "ARGUMENT_SIGNATURE", "DATA_TYPE",
                "CHARACTER_MAXIMUM_LENGTH", "CHARACTER_OCTET_LENGTH", "NUMERIC_PRECISION", "NUMERIC_PRECISION_RADIX", "NUMERIC_SCALE",
                "PROCEDURE_LANGUAGE", "PROCEDURE_DEFINITION", "CREATED", "LAST_ALTERED", "COMMENT", "EXTERNAL_ACCESS_INTEGRATIONS",
                "SECRETS", "OWNER_ROLE_TYPE",
            ])
        XCTAssertEqual(
            try cells(
                """
                select procedure_name, procedure_owner, argument_signature, data_type, character_maximum_length, numeric_precision,
                       numeric_scale, procedure_language, procedure_definition, comment
                from d.information_schema.procedures order by procedure_name
                """),
            [
                ["ADD_ONE", "ACCOUNTADMIN", "(N NUMBER)", "NUMBER", "NULL", "12", "2", "SQL", "begin return n + 1; end", "user-defined procedure"],
                [
                    "GREET", "ACCOUNTADMIN", "(WHO VARCHAR, LOUD BOOLEAN)", "TEXT", "40", "NULL", "NULL", "SQL", "begin return 'hi ' || who; end",
                    "says hello",
                ],
                ["HIDDEN", "ACCOUNTADMIN", "()", "TEXT", "16777216", "NULL", "NULL", "SQL", "begin return 1; end", "user-defined procedure"],
            ])
    }

    func testAnotherRoleSeesOnlyWhatItMayUseAndNoDefinition() throws {
        asAnalyst()
        XCTAssertEqual(try cells("select procedure_name, procedure_definition from d.information_schema.procedures"), [["GREET", "NULL"]])
    }
}
